package io.cqrsconnect.jdbc.source.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.IdGaps;
import io.cqrsconnect.jdbc.source.capture.OrderColumn;

/**
 * The rows an earlier run relayed that are still in an incrementing outbox: at or below the committed offset's
 * highest id and outside its gaps, so their events reached Kafka before that offset was committed. They are left
 * when a task stops between Kafka's acknowledgement and the delete, or when deletion is turned on for an outbox
 * already relayed. Found in id order, a batch at a time, so a large backlog is deleted in bounded steps.
 */
final class CommittedSweep {

    private final TableId table;
    private final OrderColumn id;
    private final IdGaps committed;
    private long after = Long.MIN_VALUE;

    CommittedSweep(TableId table, OrderColumn id, IdGaps committed) {
        this.table = table;
        this.id = id;
        this.committed = committed;
    }

    /** The next rows to delete, at most {@code maxRows} looked at; empty once the sweep is done. */
    List<RelayedRows.Row> next(Connection connection, SourceDialect dialect, int maxRows) throws SQLException {
        List<RelayedRows.Row> rows = new ArrayList<>();
        while (rows.isEmpty() && after < committed.max()) {
            SqlBuilder sql = dialect.sql().append("SELECT ").identifier(id.name()).append(" FROM ").table(table)
                    .append(" WHERE ").identifier(id.name()).append(" > ").parameter().append(" AND ")
                    .identifier(id.name()).append(" <= ").parameter().append(" ORDER BY ").identifier(id.name());
            dialect.limit(sql);
            int seen = 0;
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                statement.setLong(1, after);
                statement.setLong(2, committed.max());
                statement.setInt(3, maxRows);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        long value = result.getLong(1);
                        seen++;
                        after = value;
                        if (!committed.inGap(value)) { // a gap's row has not been relayed
                            rows.add(new RelayedRows.Row(table, List.of(id), List.of(value)));
                        }
                    }
                }
            }
            if (seen < maxRows) {
                after = committed.max(); // nothing further below the committed id
            }
        }
        return rows;
    }
}
