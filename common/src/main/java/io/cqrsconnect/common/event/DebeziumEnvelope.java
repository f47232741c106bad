package io.cqrsconnect.common.event;

import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Recognizes Debezium's change-event envelope ({@code before}, {@code after}, {@code op}, {@code source}) in a value
 * with a schema (a {@link Struct}) or without one (a map from schemaless JSON).
 *
 * <p>The {@code op} codes: {@code c} create, {@code r} snapshot read, {@code u} update, {@code d} delete,
 * {@code t} truncate, {@code m} logical-decoding message.
 */
final class DebeziumEnvelope {

    static final String OP = "op";
    static final String BEFORE = "before";
    static final String AFTER = "after";
    static final String SOURCE = "source";

    private DebeziumEnvelope() {
    }

    /** True when a struct schema has the envelope's fields: an op string and a before or after image. */
    static boolean isEnvelope(Schema schema) {
        if (schema == null || schema.type() != Schema.Type.STRUCT) {
            return false;
        }
        Field op = schema.field(OP);
        if (op == null || op.schema().type() != Schema.Type.STRING) {
            return false;
        }
        return isStructField(schema.field(AFTER)) || isStructField(schema.field(BEFORE));
    }

    /** True when a schemaless map has the envelope's keys: an op string and a before or after map (or null). */
    static boolean isEnvelope(Map<?, ?> map) {
        return map.get(OP) instanceof String op && op.length() == 1
                && (map.containsKey(AFTER) || map.containsKey(BEFORE))
                && (map.get(AFTER) == null || map.get(AFTER) instanceof Map)
                && (map.get(BEFORE) == null || map.get(BEFORE) instanceof Map);
    }

    static SourceInfo source(Struct envelope) {
        Field field = envelope.schema().field(SOURCE);
        if (field == null || field.schema().type() != Schema.Type.STRUCT) {
            return null;
        }
        Struct source = envelope.getStruct(SOURCE);
        if (source == null) {
            return null;
        }
        return new SourceInfo(string(source, "db"), string(source, "schema"), string(source, "table"));
    }

    static SourceInfo source(Map<?, ?> envelope) {
        if (!(envelope.get(SOURCE) instanceof Map<?, ?> source)) {
            return null;
        }
        return new SourceInfo(string(source.get("db")), string(source.get("schema")), string(source.get("table")));
    }

    private static boolean isStructField(Field field) {
        return field != null && field.schema().type() == Schema.Type.STRUCT;
    }

    private static String string(Struct struct, String name) {
        return struct.schema().field(name) == null ? null : string(struct.get(name));
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
