package io.cqrsconnect.jdbc.common.dialect;

import java.sql.SQLDataException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceColumn;
import io.cqrsconnect.jdbc.common.TrackingKind;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * MySQL's and MariaDB's {@code TIMESTAMP} is an instant: stored in UTC, shown in the session's time zone. A source's
 * sessions are set to UTC ({@link MySqlDialect#sourceSessionStatements}), so the text the server sends is the
 * instant's UTC wall clock, whatever the server's or the JVM's zone and however the driver would shift it: read as
 * that text, it becomes Debezium's {@code ZonedTimestamp} with every digit, as PostgreSQL's {@code timestamptz} does,
 * and it orders reads as {@link TrackingKind#UTC_CLOCK}. {@code DATETIME} stays a wall clock. Change it with the
 * session zone.
 */
final class MySqlTimestamps {

    /** The session zone of a source's connections. */
    static final String SESSION_ZONE_STATEMENT = "SET time_zone = '+00:00'";

    private MySqlTimestamps() {
    }

    static boolean isTimestamp(ResultColumn column) {
        return column.baseTypeName().equals("timestamp");
    }

    /** A {@code TIMESTAMP} column as a {@code ZonedTimestamp} in UTC. */
    static SourceColumn sourceColumn(ResultColumn column) {
        SchemaBuilder schema = SchemaBuilder.string().name(DebeziumTypes.ZONED_TIMESTAMP).version(1);
        if (column.nullable()) {
            schema.optional();
        }
        return new SourceColumn(column.name(), schema.build(), (row, index) -> {
            String text = row.getString(index);
            return text == null ? null : instantText(column, text);
        });
    }

    static Optional<TrackingKind> trackingKind() {
        return Optional.of(TrackingKind.UTC_CLOCK);
    }

    /** The session's UTC text {@code yyyy-MM-dd HH:mm:ss[.ffffff]} as ISO-8601 with {@code Z}. */
    static String instantText(ResultColumn column, String text) throws SQLDataException {
        try {
            LocalDateTime time = LocalDateTime.parse(text.trim().replace(' ', 'T'));
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new SQLDataException("column '" + column.name() + "': '" + text + "' is not a timestamp (a "
                    + "zero date '0000-00-00 00:00:00' has no instant: make the column NULL there)", "22007", e);
        }
    }
}
