package io.cqrsconnect.common.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts Connect values to the Java types JDBC 4.2 binds, by {@link ColumnKind}: dates and times become
 * {@code java.time} values (Connect's own in UTC, as Connect defines them; Debezium's from their epoch counts),
 * zoned timestamps {@link OffsetDateTime}, UUIDs {@link java.util.UUID}, nested values JSON text (arrays of
 * primitives stay lists, for dialects with native arrays), variable-scale decimals {@link BigDecimal}. Dialects
 * narrow further what their driver cannot take.
 */
public final class ColumnValues {

    private ColumnValues() {
    }

    /**
     * The JDBC value of a Connect value, or null.
     *
     * @throws DataException when the value does not fit its schema's kind (e.g. a malformed zoned timestamp)
     */
    public static Object toJdbc(ColumnKind kind, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String name = schema.name();
        return switch (kind) {
            case INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, DECIMAL -> value;
            case STRING, UNKNOWN -> value.toString();
            case BYTES -> value instanceof ByteBuffer buffer ? bytes(buffer) : value;
            case VARIABLE_DECIMAL -> variableScaleDecimal((Struct) value);
            case DATE -> value instanceof java.util.Date date
                    ? LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC)
                    : LocalDate.ofEpochDay(((Number) value).longValue());
            case TIME -> time(name, value);
            case TIMESTAMP -> timestamp(name, value);
            case TIMESTAMP_TZ -> zonedTimestamp(value.toString());
            case UUID -> java.util.UUID.fromString(value.toString());
            // Arrays stay lists until bound: the column they meet decides native array or JSON text.
            case JSON -> ColumnKind.DEBEZIUM_JSON.equals(name) ? value.toString()
                    : value instanceof java.util.List<?> ? value : JsonText.of(value);
            case ARRAY -> value;
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static BigDecimal variableScaleDecimal(Struct value) {
        int scale = value.getInt32("scale");
        Object unscaled = value.get("value");
        byte[] bytes = unscaled instanceof ByteBuffer buffer ? bytes(buffer) : (byte[]) unscaled;
        return new BigDecimal(new BigInteger(bytes), scale);
    }

    private static LocalTime time(String name, Object value) {
        if (value instanceof java.util.Date date) {
            return LocalTime.ofNanoOfDay(Math.floorMod(date.getTime(), 86_400_000L) * 1_000_000L);
        }
        long count = ((Number) value).longValue();
        return switch (name) {
            case ColumnKind.DEBEZIUM_MICRO_TIME -> LocalTime.ofNanoOfDay(count * 1_000L);
            case ColumnKind.DEBEZIUM_NANO_TIME -> LocalTime.ofNanoOfDay(count);
            default -> LocalTime.ofNanoOfDay(count * 1_000_000L);
        };
    }

    private static LocalDateTime timestamp(String name, Object value) {
        // ofEpochSecond with the UTC offset: ofInstant would build zone rules for every value (a hot path).
        long count = value instanceof java.util.Date date ? date.getTime() : ((Number) value).longValue();
        String unit = value instanceof java.util.Date ? "" : name == null ? "" : name;
        return switch (unit) {
            case ColumnKind.DEBEZIUM_MICRO_TIMESTAMP -> LocalDateTime.ofEpochSecond(Math.floorDiv(count, 1_000_000L),
                    (int) Math.floorMod(count, 1_000_000L) * 1_000, ZoneOffset.UTC);
            case ColumnKind.DEBEZIUM_NANO_TIMESTAMP -> LocalDateTime.ofEpochSecond(
                    Math.floorDiv(count, 1_000_000_000L), (int) Math.floorMod(count, 1_000_000_000L), ZoneOffset.UTC);
            default -> LocalDateTime.ofEpochSecond(Math.floorDiv(count, 1_000L),
                    (int) Math.floorMod(count, 1_000L) * 1_000_000, ZoneOffset.UTC);
        };
    }

    private static OffsetDateTime zonedTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new DataException("'" + text + "' is not an ISO-8601 timestamp with an offset", e);
        }
    }
}
