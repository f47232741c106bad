package io.cqrsconnect.jdbc.sink;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.common.values.LogicalValues;
import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.JsonText;
import io.cqrsconnect.testing.values.EdgeCase;

/**
 * What "reads back equal" means for an {@link EdgeCase} stored by the JDBC sink, per kind: integers, booleans,
 * strings, bytes, UUIDs and decimals exactly (a decimal by value: 1.50 equals 1.5, but a rounded digit never does);
 * floats bit for bit (NaN and the infinities too), negative zero as zero where the database has no negative zero;
 * times and timestamps to the microsecond, the precision of the columns the sink creates; zoned timestamps as the
 * same instant; JSON as the same document.
 */
final class StoredValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MICROSECOND = 1_000L;

    private StoredValues() {
    }

    /** The stored value of a column as the comparison needs it: bytes, an array's elements, or text. */
    static Object read(ResultSet row, String column, EdgeCase edge) throws SQLException {
        ColumnKind kind = ColumnKind.of(edge.schema());
        if (kind == ColumnKind.BYTES) {
            return row.getBytes(column);
        }
        Object value = row.getObject(column);
        if (value instanceof Array array) {
            return Arrays.asList((Object[]) array.getArray());
        }
        return row.getString(column);
    }

    /**
     * Null when the stored value equals the case's value, else what differs.
     *
     * @param negativeZero true when the database keeps negative zero apart from zero
     */
    static String mismatch(EdgeCase edge, Object stored, boolean negativeZero) {
        try {
            boolean equal = equal(edge, stored, negativeZero);
            return equal ? null : edge + ": stored " + shown(stored);
        } catch (RuntimeException | JsonProcessingException e) {
            return edge + ": stored " + shown(stored) + ", which does not read back (" + e + ")";
        }
    }

    private static boolean equal(EdgeCase edge, Object stored, boolean negativeZero) throws JsonProcessingException {
        Object value = edge.value();
        if (stored == null) {
            return value == null;
        }
        String text = stored instanceof String string ? string : null;
        return switch (ColumnKind.of(edge.schema())) {
            case INT8, INT16, INT32, INT64 -> Long.parseLong(text) == ((Number) value).longValue();
            case BOOLEAN -> bool(text) == (Boolean) value;
            case FLOAT32 -> sameFloat(Double.valueOf((float) number(text)), ((Float) value).doubleValue(),
                    negativeZero);
            case FLOAT64 -> sameFloat(number(text), (Double) value, negativeZero);
            case STRING -> text.equals(value);
            case BYTES -> Arrays.equals((byte[]) stored, LogicalValues.bytes(value));
            case DECIMAL -> new BigDecimal(text).compareTo((BigDecimal) value) == 0;
            case VARIABLE_DECIMAL -> new BigDecimal(text).compareTo(LogicalValues.variableScaleDecimal(value)) == 0;
            case DATE -> LocalDate.parse(text.substring(0, 10)).equals(LogicalValues.date(value));
            case TIME -> Math.abs(nanoOfDay(text) - LogicalValues.time(edge.schema(), value).nanoOfDay())
                    < MICROSECOND;
            case TIMESTAMP -> within(timestamp(text).toInstant(ZoneOffset.UTC),
                    LogicalValues.timestamp(edge.schema(), value).toInstant(ZoneOffset.UTC));
            case TIMESTAMP_TZ -> within(instant(text), LogicalValues.zonedTimestamp(value).toInstant());
            case UUID -> text.equalsIgnoreCase(value.toString());
            case JSON, ARRAY -> stored instanceof List<?> list ? list.equals(value) : sameJson(text, edge);
            case UNKNOWN -> false;
        };
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "t", "true", "1" -> true;
            case "f", "false", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** A float as PostgreSQL ({@code Infinity}), H2 and SQLite ({@code Inf}) spell it. */
    private static double number(String text) {
        return switch (text) {
            case "Inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static boolean sameFloat(double stored, double value, boolean negativeZero) {
        return Double.compare(stored, value) == 0 || !negativeZero && stored == 0.0 && value == 0.0;
    }

    /** {@code HH:mm[:ss[.f]]}, 24:00:00 included, as nanoseconds since midnight. */
    private static long nanoOfDay(String text) {
        String[] parts = text.split("[:.]");
        long nanos = (Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60
                + (parts.length > 2 ? Long.parseLong(parts[2]) : 0)) * 1_000_000_000L;
        if (parts.length > 3) {
            nanos += Long.parseLong((parts[3] + "000000000").substring(0, 9));
        }
        return nanos;
    }

    /** A date and time without a zone, with a space or a T, and a year past 9999 (a rounding up) allowed. */
    private static LocalDateTime timestamp(String text) {
        String iso = text.trim().replaceFirst(" ", "T");
        return LocalDateTime.parse(iso.indexOf('-') > 4 ? "+" + iso : iso);
    }

    /** An instant from text with an offset ({@code +02}, {@code +02:00}, {@code Z}), or without one as UTC. */
    private static Instant instant(String text) {
        String iso = text.trim().replaceFirst(" ", "T").replaceFirst("([+-]\\d\\d)$", "$1:00");
        if (iso.matches(".*(Z|[+-]\\d\\d:\\d\\d(:\\d\\d)?)$")) {
            return OffsetDateTime.parse(iso.indexOf('-') > 4 ? "+" + iso : iso).toInstant();
        }
        return timestamp(iso).toInstant(ZoneOffset.UTC);
    }

    private static boolean within(Instant stored, Instant value) {
        return Duration.between(stored, value).abs().toNanos() < MICROSECOND;
    }

    private static boolean sameJson(String text, EdgeCase edge) throws JsonProcessingException {
        Object value = edge.value();
        String expected = DebeziumTypes.JSON.equals(edge.schema().name()) ? value.toString() : JsonText.of(value);
        JsonNode stored = JSON.readTree(text);
        return stored.equals(JSON.readTree(expected));
    }

    private static String shown(Object stored) {
        if (stored instanceof byte[] bytes) {
            return bytes.length + " bytes";
        }
        String text = String.valueOf(stored);
        return text.length() > 120 ? text.substring(0, 120) + "... (" + text.length() + " characters)" : text;
    }
}
