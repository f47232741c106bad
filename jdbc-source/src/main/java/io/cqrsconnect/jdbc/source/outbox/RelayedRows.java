package io.cqrsconnect.jdbc.source.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.OrderColumn;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The outbox rows whose events were sent, until Kafka acknowledges them, then until they are deleted. Connect
 * acknowledges on its producer's thread; the deletes run on the task's thread and connection, between reads, a
 * bounded number at a time, and a row leaves the queue only once its delete has run.
 */
final class RelayedRows {

    /** One outbox row, by the columns that tell it apart (the mode's ordering columns), in offset form. */
    record Row(TableId table, List<OrderColumn> columns, List<Object> values) {
    }

    private final Map<SourceRecord, Row> sent = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Deque<Row> acknowledged = new ArrayDeque<>();

    void sent(SourceRecord event, Row row) {
        sent.put(event, row);
    }

    /**
     * Kafka's answer for an event: written (the row may go), or not written because a transform dropped it or the
     * error tolerance skipped it (the row stays for now: only a start-up sweep, once Connect has committed the
     * offset past it, deletes it).
     */
    void acknowledged(SourceRecord event, boolean written) {
        Row row = sent.remove(event);
        if (row != null && written) {
            synchronized (acknowledged) {
                acknowledged.add(row);
            }
        }
    }

    int pending() {
        synchronized (acknowledged) {
            return acknowledged.size();
        }
    }

    /** Deletes up to {@code maxRows} acknowledged rows, one statement batch per table; returns how many. */
    int deleteAcknowledged(Connection connection, SourceDialect dialect, int maxRows) throws SQLException {
        List<Row> rows = new ArrayList<>();
        synchronized (acknowledged) {
            for (Row row : acknowledged) {
                if (rows.size() >= maxRows) {
                    break;
                }
                rows.add(row);
            }
        }
        delete(connection, dialect, rows);
        synchronized (acknowledged) {
            for (int i = 0; i < rows.size(); i++) {
                acknowledged.poll();
            }
        }
        return rows.size();
    }

    /** Deletes rows, one statement batch per table. */
    static void delete(Connection connection, SourceDialect dialect, List<Row> rows) throws SQLException {
        Map<Row, List<Row>> byShape = new LinkedHashMap<>();
        for (Row row : rows) {
            byShape.computeIfAbsent(new Row(row.table(), row.columns(), List.of()), shape -> new ArrayList<>())
                    .add(row);
        }
        for (Map.Entry<Row, List<Row>> shape : byShape.entrySet()) {
            SqlBuilder sql = dialect.sql().append("DELETE FROM ").table(shape.getKey().table()).append(" WHERE ");
            sql.list(shape.getKey().columns(), " AND ",
                    (builder, column) -> builder.identifier(column.name()).append(" = ").parameter());
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (Row row : shape.getValue()) {
                    for (int i = 0; i < row.columns().size(); i++) {
                        row.columns().get(i).kind().bind(statement, i + 1, row.values().get(i));
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }
}
