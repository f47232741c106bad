package io.cqrsconnect.common.event;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Gives schemaless values (maps from JSON without schemas) a Connect schema, so sinks handle one shape only.
 *
 * <p>The inferred types are the widest of their family, so that one record's {@code 1} and the next one's
 * {@code 100000000000} land in the same column: every integer is INT64, every fraction FLOAT64, every
 * {@link BigDecimal} a {@link Decimal} of its own scale. A null value has no type; its field gets the optional
 * string schema named {@link #NULL_TYPE}, which sinks treat as "type unknown" (bind NULL into an existing column,
 * never create a column from it). All inferred fields are optional.
 */
public final class SchemalessStructs {

    /** The schema name marking a field whose only value seen was null. */
    public static final String NULL_TYPE = "io.cqrsconnect.NullType";

    private static final Schema NULL_SCHEMA = SchemaBuilder.string().optional().name(NULL_TYPE).build();

    private SchemalessStructs() {
    }

    /** True when the schema stands for a null whose type could not be inferred. */
    public static boolean isNullType(Schema schema) {
        return NULL_TYPE.equals(schema.name());
    }

    /**
     * A struct with the map's entries as fields, in the map's order.
     *
     * @throws IllegalArgumentException naming the path of a key or value that has no Connect equivalent (a key that
     *                                  is not a string or is empty, a value of no JSON type, a mixed array)
     */
    public static Struct toStruct(Map<?, ?> map) {
        return toStruct(map, "");
    }

    /** The schema a schemaless value would be given; for a map, a struct schema. */
    public static Schema inferSchema(Object value) {
        return inferSchema(value, "");
    }

    private static Struct toStruct(Map<?, ?> map, String path) {
        Schema schema = structSchema(map, path);
        return fill(schema, map);
    }

    private static Struct fill(Schema schema, Map<?, ?> map) {
        Struct struct = new Struct(schema);
        for (var field : schema.fields()) {
            struct.put(field, convert(field.schema(), map.get(field.name())));
        }
        return struct;
    }

    private static Object convert(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        return switch (schema.type()) {
            case STRUCT -> fill(schema, (Map<?, ?>) value);
            case INT64 -> value instanceof Number number ? number.longValue() : value;
            case FLOAT64 -> value instanceof Number number ? number.doubleValue() : value;
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    items.add(convert(schema.valueSchema(), item));
                }
                yield items;
            }
            default -> value;
        };
    }

    private static Schema structSchema(Map<?, ?> map, String path) {
        SchemaBuilder builder = SchemaBuilder.struct().optional();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new IllegalArgumentException("key " + entry.getKey() + " under '" + path
                        + "' is not a string; only JSON-like maps have a schemaless form");
            }
            if (name.isEmpty()) {
                // a Connect struct cannot hold a field without a name, so no sink could write this one
                throw new IllegalArgumentException("it has a field with an empty name" + (path.isEmpty() ? ""
                        : " under '" + path + "'") + ", which no Connect struct can hold; rename or drop it "
                        + "before the sink (its producer, or a ReplaceField transform)");
            }
            builder.field(name, inferSchema(entry.getValue(), path.isEmpty() ? name : path + "." + name));
        }
        return builder.build();
    }

    private static Schema inferSchema(Object value, String path) {
        if (value == null) {
            return NULL_SCHEMA;
        }
        if (value instanceof String) {
            return Schema.OPTIONAL_STRING_SCHEMA;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Schema.OPTIONAL_INT64_SCHEMA;
        }
        if (value instanceof Double || value instanceof Float) {
            return Schema.OPTIONAL_FLOAT64_SCHEMA;
        }
        if (value instanceof Boolean) {
            return Schema.OPTIONAL_BOOLEAN_SCHEMA;
        }
        if (value instanceof BigDecimal decimal) {
            return Decimal.builder(decimal.scale()).optional().build();
        }
        if (value instanceof byte[]) {
            return Schema.OPTIONAL_BYTES_SCHEMA;
        }
        if (value instanceof Date) {
            return Timestamp.builder().optional().build();
        }
        if (value instanceof Map<?, ?> map) {
            return structSchema(map, path);
        }
        if (value instanceof List<?> list) {
            return SchemaBuilder.array(elementSchema(list, path)).optional().build();
        }
        throw new IllegalArgumentException("value of '" + path + "' is a " + value.getClass().getName()
                + ", which has no schemaless JSON form");
    }

    private static Schema elementSchema(List<?> list, String path) {
        Schema element = null;
        for (Object item : list) {
            if (item == null) {
                continue;
            }
            Schema candidate = inferSchema(item, path + "[]");
            if (element == null) {
                element = candidate;
            } else if (!element.equals(candidate)) {
                // A mixed array has no single Connect element type; numbers widen, anything else is an error.
                if (isNumeric(element) && isNumeric(candidate)) {
                    element = Schema.OPTIONAL_FLOAT64_SCHEMA;
                } else {
                    throw new IllegalArgumentException("array '" + path + "' mixes " + element.type() + " and "
                            + candidate.type() + " elements");
                }
            }
        }
        return element == null ? NULL_SCHEMA : element;
    }

    private static boolean isNumeric(Schema schema) {
        return schema.type() == Schema.Type.INT64 || schema.type() == Schema.Type.FLOAT64;
    }
}
