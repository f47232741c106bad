package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.common.values.LogicalType;
import io.cqrsconnect.testing.values.EdgeCase;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;

/**
 * What "reads back equal" means for an edge case written by the Elasticsearch sink: the field {@code v} of the
 * document's source, read from the raw JSON text (a parsed tree would lose negative zero and decimal digits), is the
 * same value as the record's, by the rule of its type:
 * <ul>
 *   <li>integers: the same integer; floats: the same bits (negative zero stays negative);</li>
 *   <li>decimals, fixed or variable scale: the same {@link BigDecimal}, scale included;</li>
 *   <li>dates: the ISO date the case is named after; timestamps: the instant the case is named after, to the
 *       precision of the schema's unit, whatever the text's form; zoned timestamps: the same text;</li>
 *   <li>times of day: the same nanosecond of the day (24:00:00 included) from {@code HH:mm:ss.fraction};</li>
 *   <li>strings and JSON text: the same characters; UUIDs: the same UUID; bytes: the same bytes from base64;</li>
 *   <li>structs, arrays and maps: the same JSON tree, numbers compared by value.</li>
 * </ul>
 * Also what a range query on the field is asked, for the cases whose mapped type answers one.
 */
final class EdgeCaseReadBack {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper TREES = new ObjectMapper();
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    /** The value of {@code v} in a source: its token and its text (a number's text as written). */
    record SourceValue(JsonToken token, String text, JsonNode tree) {
    }

    private EdgeCaseReadBack() {
    }

    static SourceValue read(String source) {
        try (JsonParser parser = JSON.createParser(source)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && "v".equals(parser.currentName())
                        && parser.getParsingContext().getParent().inRoot()) {
                    JsonToken token = parser.nextToken();
                    if (token.isStructStart()) {
                        return new SourceValue(token, null, TREES.readTree(parser));
                    }
                    return new SourceValue(token, parser.getText(), null);
                }
            }
            throw new AssertionError("no field v in " + source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertEqual(EdgeCase edge, SourceValue stored) {
        Schema schema = edge.schema();
        Object value = edge.value();
        String text = stored.text();
        switch (LogicalType.of(schema)) {
            case DECIMAL -> assertThat(new BigDecimal(text)).isEqualTo(value);
            case VARIABLE_DECIMAL -> {
                Struct struct = (Struct) value;
                assertThat(new BigDecimal(text)).isEqualTo(new BigDecimal(new BigInteger(struct.getBytes("value")),
                        struct.getInt32("scale")));
            }
            case DATE -> assertThat(text).isEqualTo(edge.name());
            case TIMESTAMP -> assertThat(instant(stored)).isEqualTo(LocalDateTime.parse(edge.name())
                    .truncatedTo(unit(schema)).toInstant(ZoneOffset.UTC));
            case ZONED_TIMESTAMP -> assertThat(OffsetDateTime.parse(text)).isEqualTo(OffsetDateTime.parse(
                    (String) value));
            case TIME -> assertThat(nanoOfDay(text)).isEqualTo(nanoOfDay(schema, value));
            case UUID -> assertThat(java.util.UUID.fromString(text)).isEqualTo(java.util.UUID.fromString(
                    (String) value));
            case JSON -> assertThat(text).isEqualTo(value);
            case NONE -> assertPhysical(schema, value, stored);
        }
    }

    private static void assertPhysical(Schema schema, Object value, SourceValue stored) {
        String text = stored.text();
        switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> assertThat(new BigInteger(text))
                    .isEqualTo(BigInteger.valueOf(((Number) value).longValue()));
            case FLOAT32 -> assertThat(Float.floatToIntBits(Float.parseFloat(text)))
                    .isEqualTo(Float.floatToIntBits((Float) value));
            case FLOAT64 -> assertThat(Double.doubleToLongBits(Double.parseDouble(text)))
                    .isEqualTo(Double.doubleToLongBits((Double) value));
            case BOOLEAN -> assertThat(stored.token()).isEqualTo(((Boolean) value) ? JsonToken.VALUE_TRUE
                    : JsonToken.VALUE_FALSE);
            case STRING -> assertThat(text).isEqualTo(value);
            case BYTES -> assertThat(Base64.getDecoder().decode(text)).isEqualTo(value);
            case STRUCT, ARRAY, MAP -> assertThat(stored.tree().equals(BY_VALUE, TREES.valueToTree(plain(value))))
                    .as("%s equals %s", stored.tree(), plain(value)).isTrue();
        }
    }

    /** A Connect struct, list or map as plain Java values, as Jackson writes them. */
    private static Object plain(Object value) {
        if (value instanceof Struct struct) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Field field : struct.schema().fields()) {
                fields.put(field.name(), plain(struct.get(field)));
            }
            return fields;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            list.forEach(item -> items.add(plain(item)));
            return items;
        }
        return value;
    }

    /** The instant a stored timestamp means: ISO-8601 text, or epoch milliseconds. */
    private static Instant instant(SourceValue stored) {
        return stored.token() == JsonToken.VALUE_NUMBER_INT ? Instant.ofEpochMilli(Long.parseLong(stored.text()))
                : OffsetDateTime.parse(stored.text()).toInstant();
    }

    private static ChronoUnit unit(Schema schema) {
        return switch (schema.name()) {
            case DebeziumTypes.MICRO_TIMESTAMP -> ChronoUnit.MICROS;
            case DebeziumTypes.NANO_TIMESTAMP -> ChronoUnit.NANOS;
            default -> ChronoUnit.MILLIS;
        };
    }

    /** Nanoseconds since midnight of {@code HH:mm:ss[.fraction]}, where the hour may be 24. */
    private static long nanoOfDay(String text) {
        String[] parts = text.split("[:.]");
        long nanos = (Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(parts[2]))
                * 1_000_000_000L;
        if (parts.length == 4) {
            nanos += Long.parseLong((parts[3] + "000000000").substring(0, 9));
        }
        return nanos;
    }

    /** Nanoseconds since midnight of a record's time of day, by its schema's unit. */
    private static long nanoOfDay(Schema schema, Object value) {
        if (Time.LOGICAL_NAME.equals(schema.name())) {
            return ((java.util.Date) value).getTime() * 1_000_000L;
        }
        long count = ((Number) value).longValue();
        return switch (schema.name()) {
            case DebeziumTypes.MICRO_TIME -> count * 1_000L;
            case DebeziumTypes.NANO_TIME -> count;
            default -> count * 1_000_000L;
        };
    }

    /**
     * The range query (both ends the stored value itself) that must find a stored case, or null for a type that
     * answers none (text, binary, objects).
     */
    static String rangeQuery(EdgeCase edge, SourceValue stored) {
        if (stored.tree() != null || stored.token() == JsonToken.VALUE_NULL) {
            return null;
        }
        LogicalType logical = LogicalType.of(edge.schema());
        boolean ranged = logical != LogicalType.NONE && logical != LogicalType.JSON
                || edge.schema().type().isPrimitive() && edge.schema().type() != Schema.Type.STRING
                && edge.schema().type() != Schema.Type.BYTES && edge.schema().type() != Schema.Type.BOOLEAN;
        if (!ranged) {
            return null;
        }
        String bound = stored.token() == JsonToken.VALUE_STRING ? TREES.valueToTree(stored.text()).toString()
                : stored.text();
        return "{\"range\":{\"v\":{\"gte\":" + bound + ",\"lte\":" + bound + "}}}";
    }
}
