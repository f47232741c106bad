package io.cqrsconnect.jdbc.source.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.source.json.JsonReader;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * {@code table.expand.json.payload}: a payload that is a JSON object becomes a struct whose schema is inferred from
 * it, as Debezium's outbox router infers it: a struct named by its path from the payload column, strings, booleans,
 * int32/int64 for integers and float64 for other numbers; an array typed by its first non-null element (struct
 * elements merged); null members and empty arrays left out. A payload that is not a JSON object, or whose arrays
 * mix types, stays the string it was.
 */
final class JsonPayloadExpander {

    private JsonPayloadExpander() {
    }

    /** The struct of a JSON object payload, or null when it is kept as text. */
    static SchemaAndValue expand(String payloadColumn, String json) {
        Object document;
        try {
            document = JsonReader.read(json);
        } catch (IllegalArgumentException notJson) {
            return null;
        }
        if (!(document instanceof Map<?, ?>)) {
            return null;
        }
        try {
            Schema schema = schemaOf(payloadColumn, document);
            return new SchemaAndValue(schema, valueOf(document, schema));
        } catch (DataException mixedArray) {
            return null;
        }
    }

    private static Schema schemaOf(String path, Object value) {
        if (value instanceof String) {
            return Schema.OPTIONAL_STRING_SCHEMA;
        }
        if (value instanceof Boolean) {
            return Schema.OPTIONAL_BOOLEAN_SCHEMA;
        }
        if (value instanceof Integer) {
            return Schema.OPTIONAL_INT32_SCHEMA;
        }
        if (value instanceof Long) {
            return Schema.OPTIONAL_INT64_SCHEMA;
        }
        if (value instanceof Double) {
            return Schema.OPTIONAL_FLOAT64_SCHEMA;
        }
        if (value instanceof List<?> array) {
            return array.isEmpty() ? null : SchemaBuilder.array(elementSchema(path, array)).optional().build();
        }
        if (value instanceof Map<?, ?> object) {
            SchemaBuilder struct = SchemaBuilder.struct().name(path).optional();
            object.forEach((name, member) -> {
                Schema schema = schemaOf(path.isEmpty() ? (String) name : path + "." + name, member);
                if (schema != null) {
                    struct.field((String) name, schema);
                }
            });
            return struct.build();
        }
        return null; // JSON null
    }

    private static Schema elementSchema(String path, List<?> array) {
        Schema element = null;
        Class<?> type = null;
        for (Object item : array) {
            if (item == JsonReader.NULL) {
                continue;
            }
            Class<?> itemType = item instanceof Map ? Map.class : item.getClass();
            if (type != null && itemType != type) {
                throw new DataException("the array " + path + " mixes types");
            }
            type = itemType;
            Schema schema = schemaOf(path, item);
            if (schema == null) {
                throw new DataException("the array " + path + " holds an empty array");
            }
            if (element == null) {
                element = schema;
            } else if (item instanceof Map) {
                element = merge(element, schema);
            }
        }
        if (element == null) {
            throw new DataException("the array " + path + " holds only nulls");
        }
        return element;
    }

    /** The fields of both struct schemas, the first's first. */
    private static Schema merge(Schema first, Schema second) {
        Map<String, Schema> fields = new LinkedHashMap<>();
        first.fields().forEach(field -> fields.put(field.name(), field.schema()));
        second.fields().forEach(field -> fields.putIfAbsent(field.name(), field.schema()));
        SchemaBuilder merged = SchemaBuilder.struct().name(first.name()).optional();
        fields.forEach(merged::field);
        return merged.build();
    }

    private static Object valueOf(Object value, Schema schema) {
        if (value == JsonReader.NULL || schema == null) {
            return null;
        }
        if (value instanceof List<?> array) {
            List<Object> list = new ArrayList<>(array.size());
            array.forEach(item -> list.add(valueOf(item, schema.valueSchema())));
            return list;
        }
        if (value instanceof Map<?, ?> object) {
            Struct struct = new Struct(schema);
            for (Field field : schema.fields()) {
                Object member = object.get(field.name());
                if (member != null) {
                    struct.put(field, valueOf(member, field.schema()));
                }
            }
            return struct;
        }
        if (value instanceof Number number && schema.type() == Schema.Type.FLOAT64) {
            return number.doubleValue();
        }
        return value;
    }
}
