package io.cqrsconnect.elasticsearch.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cqrsconnect.common.event.SchemalessStructs;
import io.cqrsconnect.common.values.LogicalType;
import io.cqrsconnect.common.values.LogicalValues;
import io.cqrsconnect.common.values.TimeOfDay;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Writes a Connect {@link Struct} as the JSON source of a document, in one pass and without an intermediate tree.
 * Logical types, Connect's and Debezium's alike, are decoded once by {@link LogicalValues} and written in the form
 * Elasticsearch's date and number fields parse, at the precision the schema carries:
 * <ul>
 *   <li>a date as {@code yyyy-MM-dd} (years past 9999 signed, {@code +10000-01-01}, as ISO-8601 and Elasticsearch
 *       read them);</li>
 *   <li>a timestamp without a zone as its UTC reading, {@code 2024-02-29T13:14:15.123456Z}, with 3, 6 or 9 fraction
 *       digits for milli-, micro- and nanosecond types (past the year 9999, which Elasticsearch's ISO format does
 *       not read, as epoch milliseconds); a zoned timestamp as the ISO-8601 text it came as;</li>
 *   <li>a time of day as {@code HH:mm:ss} and the schema's fraction digits, up to and including
 *       {@code 24:00:00.000000}, which no Elasticsearch date format holds: it is mapped as a keyword, whose
 *       fixed-width text sorts and ranges in time order;</li>
 *   <li>a decimal, fixed or variable scale, as an exact JSON number in plain notation ({@code 0.00000001}, never
 *       {@code 1E-8});</li>
 *   <li>a UUID in canonical lower case; bytes as base64 (Elasticsearch's {@code binary}).</li>
 * </ul>
 * A value with no JSON form (NaN and the infinities: JSON has no token for them and Elasticsearch's number fields
 * refuse them) or that fails to decode is a {@link FieldValueException} naming the field's dotted path.
 */
public final class DocumentJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter[] TIMESTAMPS = {timestamp(3), timestamp(6), timestamp(9)};
    /** The last year Elasticsearch's strict_date_optional_time format reads. */
    private static final int LAST_TEXT_YEAR = 9999;

    private DocumentJson() {
    }

    /**
     * The struct's JSON.
     *
     * @throws FieldValueException when a field's value has no JSON form Elasticsearch accepts
     */
    public static byte[] toJson(Struct struct) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writeStruct(json, struct, "");
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * The struct's JSON with one more top-level field, written first; a field of that name in the struct is left
     * out (callers add a field the struct lacks or holds as null, such as a data stream document's @timestamp).
     *
     * @param value a string or a number
     * @throws FieldValueException when a field's value has no JSON form Elasticsearch accepts
     */
    public static byte[] toJson(Struct struct, String name, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            if (value instanceof Number number) {
                json.writeNumberField(name, number.longValue());
            } else {
                json.writeStringField(name, String.valueOf(value));
            }
            writeFields(json, struct, name, "");
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void writeStruct(JsonGenerator json, Struct struct, String prefix) throws IOException {
        json.writeStartObject();
        writeFields(json, struct, null, prefix);
        json.writeEndObject();
    }

    private static void writeFields(JsonGenerator json, Struct struct, String skipped, String prefix)
            throws IOException {
        for (Field field : struct.schema().fields()) {
            if (field.name().equals(skipped)) {
                continue;
            }
            json.writeFieldName(field.name());
            write(json, field.schema(), struct.get(field), prefix + field.name());
        }
    }

    private static void write(JsonGenerator json, Schema schema, Object value, String path) throws IOException {
        if (value == null || SchemalessStructs.isNullType(schema)) {
            json.writeNull();
            return;
        }
        LogicalType logical = LogicalType.of(schema);
        if (logical != LogicalType.NONE) {
            writeLogical(json, schema, logical, value, decoded(schema, value, path));
            return;
        }
        switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> json.writeNumber(((Number) value).longValue());
            case FLOAT32 -> json.writeNumber(finite((Float) value, path));
            case FLOAT64 -> json.writeNumber(finite((Double) value, path));
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case STRING -> json.writeString((String) value);
            case BYTES -> json.writeBinary(LogicalValues.bytes(value));
            case STRUCT -> writeStruct(json, (Struct) value, path + ".");
            case ARRAY -> {
                json.writeStartArray();
                for (Object item : (Collection<?>) value) {
                    write(json, schema.valueSchema(), item, path);
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    json.writeFieldName(key);
                    write(json, schema.valueSchema(), entry.getValue(), path + "." + key);
                }
                json.writeEndObject();
            }
            default -> throw new FieldValueException(path, "Connect type " + schema.type() + " has no JSON form.",
                    null);
        }
    }

    private static Object decoded(Schema schema, Object value, String path) {
        try {
            return LogicalValues.decode(schema, value);
        } catch (RuntimeException e) {
            throw new FieldValueException(path, "its " + schema.name() + " value cannot be read: " + e.getMessage()
                    + ".", e);
        }
    }

    private static void writeLogical(JsonGenerator json, Schema schema, LogicalType logical, Object raw,
                                     Object value) throws IOException {
        switch (logical) {
            case DECIMAL, VARIABLE_DECIMAL -> json.writeNumber(((BigDecimal) value).toPlainString());
            case DATE, UUID, JSON -> json.writeString(value.toString());
            case TIME -> json.writeString(((TimeOfDay) value).format(LogicalType.fractionDigits(schema)));
            case TIMESTAMP -> writeTimestamp(json, (LocalDateTime) value, LogicalType.fractionDigits(schema));
            // the text Debezium sent, offset and all: the offset is part of the value, and Elasticsearch reads it
            case ZONED_TIMESTAMP -> json.writeString(raw.toString());
            case NONE -> throw new IllegalStateException("not a logical type");
        }
    }

    private static void writeTimestamp(JsonGenerator json, LocalDateTime value, int digits) throws IOException {
        if (value.getYear() > LAST_TEXT_YEAR) {
            // strict_date_optional_time reads no year past 9999; epoch_millis, the mapping's other format, does
            json.writeNumber(Math.addExact(Math.multiplyExact(value.toEpochSecond(ZoneOffset.UTC), 1000L),
                    value.getNano() / 1_000_000));
            return;
        }
        json.writeString(TIMESTAMPS[digits / 3 - 1].format(value));
    }

    private static float finite(float value, String path) {
        if (!Float.isFinite(value)) {
            throw notFinite(value, path);
        }
        return value;
    }

    private static double finite(double value, String path) {
        if (!Double.isFinite(value)) {
            throw notFinite(value, path);
        }
        return value;
    }

    private static FieldValueException notFinite(Object value, String path) {
        return new FieldValueException(path, value + " cannot be written: JSON has no such number and "
                + "Elasticsearch's number fields refuse it.", null);
    }

    /** {@code uuuu-MM-dd'T'HH:mm:ss}, exactly {@code digits} fraction digits, then {@code Z}. */
    private static DateTimeFormatter timestamp(int digits) {
        return new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
                .appendPattern("HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true)
                .appendLiteral('Z').toFormatter();
    }
}
