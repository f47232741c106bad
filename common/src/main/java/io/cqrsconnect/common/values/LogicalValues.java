package io.cqrsconnect.common.values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.UUID;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Decodes the values of {@link LogicalType logical types} into the Java types every sink writes from: dates
 * {@link LocalDate}, times of day {@link TimeOfDay} (24:00:00 included), timestamps without a zone
 * {@link LocalDateTime} (the UTC reading of the count, as Connect and Debezium define it), zoned timestamps
 * {@link OffsetDateTime}, decimals {@link BigDecimal}, UUIDs {@link UUID}. A sink decodes here once and
 * only chooses how its store spells the result.
 *
 * <p>A value its type cannot mean (a time of day past 24:00:00, a zoned timestamp that does not parse) is a
 * {@link DataException} saying what the value is: a fault of that record, never of the task.
 */
public final class LogicalValues {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private LogicalValues() {
    }

    /**
     * The value decoded by its schema's logical type; a value of no logical type as it is.
     *
     * @throws DataException when the value is not one its type can mean
     */
    public static Object decode(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        return switch (LogicalType.of(schema)) {
            case NONE, DECIMAL -> value;
            case VARIABLE_DECIMAL -> variableScaleDecimal(value);
            case DATE -> date(value);
            case TIME -> time(schema, value);
            case TIMESTAMP -> timestamp(schema, value);
            case ZONED_TIMESTAMP -> zonedTimestamp(value);
            case UUID -> uuid(value);
            case JSON -> value.toString();
        };
    }

    /** A date: Connect's {@code java.util.Date} at midnight UTC, or Debezium's count of days since the epoch. */
    public static LocalDate date(Object value) {
        return value instanceof Date date
                ? LocalDate.ofEpochDay(Math.floorDiv(date.getTime(), MILLIS_PER_DAY))
                : LocalDate.ofEpochDay(((Number) value).longValue());
    }

    /**
     * A time of day: Connect's {@code java.util.Date} of milliseconds since midnight, or Debezium's count of
     * milli-, micro- or nanoseconds by the schema's name.
     *
     * @throws DataException when the count is negative or past 24:00:00 (MySQL's {@code TIME} is a duration and
     *                       holds such values; a time of day does not)
     */
    public static TimeOfDay time(Schema schema, Object value) {
        long count = value instanceof Date date ? date.getTime() : ((Number) value).longValue();
        int digits = value instanceof Date ? 3 : LogicalType.fractionDigits(schema);
        long nanosPerUnit = digits == 9 ? 1L : digits == 6 ? 1_000L : 1_000_000L;
        long limit = TimeOfDay.NANOS_PER_DAY / nanosPerUnit;
        if (count < 0 || count > limit) {
            throw new DataException(count + " " + (digits == 9 ? "nano" : digits == 6 ? "micro" : "milli")
                    + "seconds since midnight is not a time of day (0 to 24:00:00, " + limit + ")");
        }
        return new TimeOfDay(count * nanosPerUnit);
    }

    /**
     * A date and time without a zone: Connect's {@code java.util.Date}, or Debezium's count of milli-, micro- or
     * nanoseconds since the epoch, read in UTC.
     */
    public static LocalDateTime timestamp(Schema schema, Object value) {
        // ofEpochSecond with the UTC offset: ofInstant would build zone rules for every value (a hot path).
        if (value instanceof Date date) {
            return millis(date.getTime());
        }
        long count = ((Number) value).longValue();
        return switch (LogicalType.fractionDigits(schema)) {
            case 6 -> LocalDateTime.ofEpochSecond(Math.floorDiv(count, 1_000_000L),
                    (int) Math.floorMod(count, 1_000_000L) * 1_000, ZoneOffset.UTC);
            case 9 -> LocalDateTime.ofEpochSecond(Math.floorDiv(count, 1_000_000_000L),
                    (int) Math.floorMod(count, 1_000_000_000L), ZoneOffset.UTC);
            default -> millis(count);
        };
    }

    private static LocalDateTime millis(long count) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(count, 1_000L), (int) Math.floorMod(count, 1_000L)
                * 1_000_000, ZoneOffset.UTC);
    }

    /**
     * An instant with its offset, from Debezium's ISO-8601 text.
     *
     * @throws DataException when the text is not an ISO-8601 date and time with an offset
     */
    public static OffsetDateTime zonedTimestamp(Object value) {
        String text = value.toString();
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new DataException("'" + text + "' is not an ISO-8601 timestamp with an offset", e);
        }
    }

    /**
     * The decimal a Debezium {@code VariableScaleDecimal} struct holds.
     *
     * @throws DataException when the struct lacks its scale or its unscaled bytes
     */
    public static BigDecimal variableScaleDecimal(Object value) {
        Struct struct = (Struct) value;
        Integer scale = struct.getInt32("scale");
        Object unscaled = struct.get("value");
        if (scale == null || unscaled == null) {
            throw new DataException("a VariableScaleDecimal needs both its scale and its value, got " + struct);
        }
        return new BigDecimal(new BigInteger(bytes(unscaled)), scale);
    }

    /**
     * A UUID from its canonical text.
     *
     * @throws DataException when the text is not a UUID
     */
    public static UUID uuid(Object value) {
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            throw new DataException("'" + value + "' is not a UUID", e);
        }
    }

    /** The bytes of a Connect BYTES value, which is a {@code byte[]} or a {@link ByteBuffer}. */
    public static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return (byte[]) value;
    }
}
