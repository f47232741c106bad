package io.cqrsconnect.elasticsearch.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cqrsconnect.common.event.SchemalessStructs;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Writes a Connect {@link Struct} as the JSON source of a document, in one pass and without an intermediate tree.
 * Connect's logical types become what Elasticsearch's default mapping understands: {@link Date} as
 * {@code yyyy-MM-dd}, {@link Timestamp} as an ISO-8601 instant, {@link Time} as {@code HH:mm:ss.SSS},
 * {@link Decimal} as an exact JSON number; bytes become base64 strings (Elasticsearch's {@code binary}).
 */
public final class DocumentJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private DocumentJson() {
    }

    public static byte[] toJson(Struct struct) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writeStruct(json, struct);
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
            writeFields(json, struct, name);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void writeStruct(JsonGenerator json, Struct struct) throws IOException {
        json.writeStartObject();
        writeFields(json, struct, null);
        json.writeEndObject();
    }

    private static void writeFields(JsonGenerator json, Struct struct, String skipped) throws IOException {
        for (Field field : struct.schema().fields()) {
            if (field.name().equals(skipped)) {
                continue;
            }
            json.writeFieldName(field.name());
            write(json, field.schema(), struct.get(field));
        }
    }

    private static void write(JsonGenerator json, Schema schema, Object value) throws IOException {
        if (value == null || SchemalessStructs.isNullType(schema)) {
            json.writeNull();
            return;
        }
        String logical = schema.name();
        if (logical != null) {
            switch (logical) {
                case Decimal.LOGICAL_NAME -> {
                    json.writeNumber((BigDecimal) value);
                    return;
                }
                case Date.LOGICAL_NAME -> {
                    json.writeString(((java.util.Date) value).toInstant().atZone(ZoneOffset.UTC).toLocalDate()
                            .toString());
                    return;
                }
                case Timestamp.LOGICAL_NAME -> {
                    json.writeString(Instant.ofEpochMilli(((java.util.Date) value).getTime()).toString());
                    return;
                }
                case Time.LOGICAL_NAME -> {
                    json.writeString(TIME.format(LocalTime.ofNanoOfDay(
                            ((java.util.Date) value).getTime() * 1_000_000L)));
                    return;
                }
                default -> {
                    // other named schemas (Debezium's, say) are written by their physical type
                }
            }
        }
        switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> json.writeNumber(((Number) value).longValue());
            case FLOAT32 -> json.writeNumber((Float) value);
            case FLOAT64 -> json.writeNumber((Double) value);
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case STRING -> json.writeString((String) value);
            case BYTES -> json.writeBinary(bytes(value));
            case STRUCT -> writeStruct(json, (Struct) value);
            case ARRAY -> {
                json.writeStartArray();
                for (Object item : (Collection<?>) value) {
                    write(json, schema.valueSchema(), item);
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(String.valueOf(entry.getKey()));
                    write(json, schema.valueSchema(), entry.getValue());
                }
                json.writeEndObject();
            }
            default -> throw new IllegalArgumentException("no JSON form for Connect type " + schema.type());
        }
    }

    private static byte[] bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        return (byte[]) value;
    }
}
