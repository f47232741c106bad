package io.cqrsconnect.jdbc.source.capture;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import io.cqrsconnect.jdbc.common.SqlBuilder;

/**
 * "After this position" over several ordering columns, written out so every database takes it (row-value
 * comparisons are not everywhere): {@code (c1 > ?) OR (c1 = ? AND c2 > ?) OR ...}, with its parameters bound in the
 * order they appear.
 */
final class KeysetCondition {

    private KeysetCondition() {
    }

    /** Appends the condition for {@code columns}, in parentheses. */
    static SqlBuilder append(SqlBuilder sql, List<OrderColumn> columns) {
        sql.append("(");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sql.append(" OR ");
            }
            sql.append("(");
            for (int j = 0; j < i; j++) {
                sql.identifier(columns.get(j).name()).append(" = ").parameter().append(" AND ");
            }
            sql.identifier(columns.get(i).name()).append(" > ").parameter().append(")");
        }
        sql.append(")");
        if (columns.size() > 1) {
            // The ORs give no index a starting point: PostgreSQL scanned the (c1, c2) index from its first entry and
            // filtered, so each page cost more than the one before (quadratic over a table). This redundant lower
            // bound on c1 lets every database start the index range at the position.
            sql.append(" AND ").identifier(columns.get(0).name()).append(" >= ").parameter();
        }
        return sql;
    }

    /** Binds a position's values for {@link #append}, from parameter {@code index}; returns the next index. */
    static int bind(PreparedStatement statement, int index, List<OrderColumn> columns, List<Object> position)
            throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            for (int j = 0; j <= i; j++) {
                columns.get(j).kind().bind(statement, index++, position.get(j));
            }
        }
        if (columns.size() > 1) {
            columns.get(0).kind().bind(statement, index++, position.get(0));
        }
        return index;
    }
}
