package io.cqrsconnect.jdbc.source.capture;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import io.cqrsconnect.jdbc.common.SqlBuilder;

/** A condition matching the ids of held gaps: {@code (id >= ? AND id <= ?) OR ...}, each bound. */
public final class GapRanges {

    private GapRanges() {
    }

    public static SqlBuilder append(SqlBuilder sql, List<IdGaps.Gap> ranges, String column) {
        sql.append("(");
        sql.list(ranges, " OR ", (builder, gap) -> {
            builder.append("(");
            if (gap.from() != Long.MIN_VALUE) {
                builder.identifier(column).append(" >= ").parameter().append(" AND ");
            }
            builder.identifier(column).append(" <= ").parameter().append(")");
        });
        return sql.append(")");
    }

    /** Binds the ranges from {@code index}; returns the next index. */
    public static int bind(PreparedStatement statement, int index, List<IdGaps.Gap> ranges) throws SQLException {
        for (IdGaps.Gap gap : ranges) {
            if (gap.from() != Long.MIN_VALUE) {
                statement.setLong(index++, gap.from());
            }
            statement.setLong(index++, gap.to());
        }
        return index;
    }
}
