package io.cqrsconnect.jdbc.sink.write;

import java.sql.SQLException;
import java.util.List;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.jdbc.common.SqlErrorClassifier;
import io.cqrsconnect.jdbc.common.SqlErrorKind;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import io.cqrsconnect.jdbc.sink.mapping.SinkRow;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The words of a write's failures, in one place: a refused row names its record, its column when the database
 * says, and the setting to change; a failed write names the tables, the records and what to check. What an error
 * means is the dialect's call ({@link SqlErrorClassifier}), never guessed here.
 */
final class WriteFailures {

    private final SqlErrorClassifier errors;

    WriteFailures(SqlErrorClassifier errors) {
        this.errors = errors;
    }

    /** Why the database refused one row, for the dead-letter queue or the task failure. */
    BadRecordException refused(String table, SinkRow row, SQLException e) {
        String column = errors.column(e).orElse(null);
        boolean constraint = errors.violatesConstraint(e);
        return new BadRecordException(row.event().coordinates(), column, "the database rejected the row for table '"
                + table + "': " + message(e) + ".",
                constraint ? JdbcSinkConnectorConfig.INSERT_MODE_CONFIG
                        : JdbcSinkConnectorConfig.FIELD_EXCLUDE_LIST_CONFIG,
                constraint ? "a row with this key may exist already (upsert replaces it), or a constraint of the "
                        + "table refuses the value."
                        : "the value does not fit the column; exclude or rename the field, or widen the column.", e);
    }

    /** The task failure for a write that failed as a whole, of the kind the dialect classified. */
    ConnectException writeFailed(List<Segment> pending, SQLException e, SqlErrorKind kind) {
        List<SinkRow> rows = pending.stream().flatMap(segment -> segment.rows().stream()).toList();
        String records = rows.isEmpty() ? "" : " (records from " + rows.get(0).event().coordinates()
                + (rows.size() > 1 ? " to " + rows.get(rows.size() - 1).event().coordinates() : "") + ")";
        String hint = kind == SqlErrorKind.TRANSIENT
                ? " The database stayed unavailable through max.retries retries; raise max.retries or "
                        + "retry.backoff.max.ms to wait longer."
                : " Check the table against the records and the settings auto.create, auto.evolve, insert.mode, "
                        + "pk.mode and connection.user's privileges.";
        return new ConnectException("Writing " + rows.size() + " rows to table " + tableNames(pending) + " failed"
                + records + ": " + message(e) + "." + hint, e);
    }

    static List<String> tableNames(List<Segment> segments) {
        return segments.stream().map(Segment::table).distinct().toList();
    }

    /** The database's message with its next exception's, without a final period. */
    private static String message(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        SQLException next = e.getNextException();
        if (next != null && next.getMessage() != null && !message.contains(next.getMessage().strip())) {
            message += " (" + next.getMessage().strip() + ")";
        }
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
