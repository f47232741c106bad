package io.cqrsconnect.jdbc.common.dialect;

import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceColumn;
import io.cqrsconnect.jdbc.common.SourceColumns;
import io.cqrsconnect.jdbc.common.TrackingKind;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * SQLite's columns: a value's type is its own, the declared type only a hint, so columns are read by their declared
 * type's affinity and every temporal or decimal value from the text it is stored as (never through the driver's
 * conversions, which assume milliseconds). Integers are 64-bit; decimals keep every digit of their text (our sink
 * stores them as text); dates and times are ISO text (or, as the driver writes them by default, epoch
 * milliseconds), read to the nanosecond.
 */
final class SqliteSourceColumns {

    private SqliteSourceColumns() {
    }

    static SourceColumn of(ResultColumn column) {
        String type = column.baseTypeName();
        if (type.isEmpty()) {
            return column.jdbcType() == Types.INTEGER || column.jdbcType() == Types.BIGINT
                    ? integer(column) : SourceColumns.standard(column);
        }
        if (type.contains("int")) {
            return integer(column);
        }
        if (type.equals("date")) {
            return date(column);
        }
        if (type.contains("datetime") || type.contains("timestamp")) {
            return timestamp(column);
        }
        if (type.equals("time")) {
            return SourceColumns.time(new ResultColumn(column.name(), Types.TIME, column.typeName(), 0, 9,
                    column.nullable(), true));
        }
        if (type.contains("dec") || type.contains("numeric")) {
            Schema schema = SourceColumns.variableDecimalSchema(column);
            return new SourceColumn(column.name(), schema, (row, index) -> {
                String text = row.getString(index);
                return text == null ? null : SourceColumns.variableDecimal(schema, decimal(column, text));
            });
        }
        if (type.contains("real") || type.contains("floa") || type.contains("doub")) {
            return SourceColumns.standard(new ResultColumn(column.name(), Types.DOUBLE, column.typeName(), 0, 0,
                    column.nullable(), true));
        }
        if (type.contains("blob")) {
            return SourceColumns.bytes(column);
        }
        if (type.equals("uuid") || type.equals("json") || type.equals("boolean")) {
            return SourceColumns.standard(new ResultColumn(column.name(),
                    type.equals("boolean") ? Types.BOOLEAN : Types.OTHER, type, 0, 0, column.nullable(), true));
        }
        return SourceColumns.text(column);
    }

    static Optional<TrackingKind> trackingKind(ResultColumn column) {
        String type = column.baseTypeName();
        if (type.contains("int") || type.isEmpty() && column.jdbcType() == Types.INTEGER) {
            return Optional.of(TrackingKind.INTEGER);
        }
        if (type.contains("date") || type.contains("time") || type.contains("char") || type.contains("text")
                || type.contains("clob")) {
            return Optional.of(TrackingKind.TEXT);
        }
        return Optional.empty();
    }

    private static SourceColumn integer(ResultColumn column) {
        Schema schema = column.nullable() ? Schema.OPTIONAL_INT64_SCHEMA : Schema.INT64_SCHEMA;
        return new SourceColumn(column.name(), schema, (row, index) -> {
            long value = row.getLong(index);
            return row.wasNull() ? null : value;
        });
    }

    private static SourceColumn date(ResultColumn column) {
        SchemaBuilder builder = Date.builder();
        Schema schema = column.nullable() ? builder.optional().build() : builder.build();
        return new SourceColumn(column.name(), schema, (row, index) -> {
            String text = row.getString(index);
            return text == null ? null : java.util.Date.from(dateTime(column, text).toLocalDate()
                    .atStartOfDay(ZoneOffset.UTC).toInstant());
        });
    }

    private static SourceColumn timestamp(ResultColumn column) {
        SchemaBuilder builder = SchemaBuilder.int64().name(DebeziumTypes.NANO_TIMESTAMP).version(1);
        Schema schema = column.nullable() ? builder.optional().build() : builder.build();
        return new SourceColumn(column.name(), schema, (row, index) -> {
            String text = row.getString(index);
            return text == null ? null : SourceColumns.epochCount(dateTime(column, text), true);
        });
    }

    /** ISO text ({@code T} or a space between date and time, an optional {@code Z}), or epoch milliseconds. */
    static LocalDateTime dateTime(ResultColumn column, String text) throws SQLDataException {
        String trimmed = text.trim();
        try {
            if (trimmed.matches("-?\\d+")) {
                long millis = Long.parseLong(trimmed);
                return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                        (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
            }
            String iso = trimmed.replace(' ', 'T');
            if (iso.endsWith("Z")) {
                iso = iso.substring(0, iso.length() - 1);
            }
            return iso.length() == 10 ? LocalDate.parse(iso).atStartOfDay() : LocalDateTime.parse(iso);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new SQLDataException("column '" + column.name() + "': '" + text + "' is not a date and time",
                    "22007", e);
        }
    }

    private static BigDecimal decimal(ResultColumn column, String text) throws SQLDataException {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new SQLDataException("column '" + column.name() + "': '" + text + "' is not a number", "22018", e);
        }
    }
}
