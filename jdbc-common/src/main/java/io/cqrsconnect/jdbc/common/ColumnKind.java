package io.cqrsconnect.jdbc.common;

import io.cqrsconnect.common.event.SchemalessStructs;
import io.cqrsconnect.common.values.LogicalType;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

/**
 * What a Connect field holds, in the terms a database column needs: Connect's own types and the
 * {@link LogicalType logical types} every sink shares (Connect's and Debezium's). Dialects map each kind to a
 * column type; {@link ColumnValues} converts each kind's values to the Java types JDBC binds.
 */
public enum ColumnKind {
    INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES,
    /** Connect {@link Decimal}: fixed scale, from the schema parameter. */
    DECIMAL,
    /** Debezium's {@code VariableScaleDecimal}: a struct of scale and unscaled bytes; each value has its own scale. */
    VARIABLE_DECIMAL,
    DATE, TIME, TIMESTAMP,
    /** An instant with its offset: Debezium's {@code ZonedTimestamp} (an ISO-8601 string). */
    TIMESTAMP_TZ,
    /** Debezium's {@code io.debezium.data.Uuid}. */
    UUID,
    /** JSON text: Debezium's {@code io.debezium.data.Json}, or a nested struct, map or array serialized. */
    JSON,
    /**
     * A Connect array of primitives without a logical type (integers, floats, booleans, strings): a native array
     * where the database has them (PostgreSQL's {@code bigint[]}, {@code text[]}, ...), else JSON text like
     * {@link #JSON}. Values are the Connect {@link java.util.List}; {@link #arrayElement} tells the element kind.
     */
    ARRAY,
    /** A field whose only values were null in schemaless input: binds NULL, never creates a column. */
    UNKNOWN;

    /** The kind of a field's schema. */
    public static ColumnKind of(Schema schema) {
        if (SchemalessStructs.isNullType(schema)) {
            return UNKNOWN;
        }
        switch (LogicalType.of(schema)) {
            case DECIMAL -> {
                return DECIMAL;
            }
            case VARIABLE_DECIMAL -> {
                return VARIABLE_DECIMAL;
            }
            case DATE -> {
                return DATE;
            }
            case TIME -> {
                return TIME;
            }
            case TIMESTAMP -> {
                return TIMESTAMP;
            }
            case ZONED_TIMESTAMP -> {
                return TIMESTAMP_TZ;
            }
            case UUID -> {
                return UUID;
            }
            case JSON -> {
                return JSON;
            }
            case NONE -> {
            }
        }
        return switch (schema.type()) {
            case BYTES -> BYTES;
            case ARRAY -> arrayElement(schema) == UNKNOWN ? JSON : ARRAY;
            case STRUCT, MAP -> JSON;
            default -> primitive(schema.type());
        };
    }

    /**
     * The kind of an array's elements when they can make a native array (INT8 to INT64, FLOAT32, FLOAT64, BOOLEAN,
     * STRING, with no logical or semantic type), else {@link #UNKNOWN}.
     */
    public static ColumnKind arrayElement(Schema arraySchema) {
        Schema element = arraySchema.valueSchema();
        if (element == null || element.name() != null) {
            return UNKNOWN;
        }
        return primitive(element.type());
    }

    /** The kind of a number, boolean or string type; {@link #UNKNOWN} for any other. */
    private static ColumnKind primitive(Schema.Type type) {
        return switch (type) {
            case INT8 -> INT8;
            case INT16 -> INT16;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
            case BOOLEAN -> BOOLEAN;
            case STRING -> STRING;
            default -> UNKNOWN;
        };
    }

    /** The declared scale of a Connect decimal. */
    public static int decimalScale(Schema schema) {
        String scale = schema.parameters() == null ? null : schema.parameters().get(Decimal.SCALE_FIELD);
        return scale == null ? 0 : Integer.parseInt(scale);
    }

    /**
     * The length a string field declares, or -1: Debezium's {@code __debezium.source.column.length} parameter (set
     * with {@code column.propagate.source.type}), the length of the source's VARCHAR column.
     */
    public static int declaredLength(Schema schema) {
        String length = schema.parameters() == null ? null
                : schema.parameters().get("__debezium.source.column.length");
        try {
            return length == null ? -1 : Integer.parseInt(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The declared precision of a Connect decimal (Debezium and Confluent set this parameter), or -1. */
    public static int decimalPrecision(Schema schema) {
        String precision = schema.parameters() == null ? null
                : schema.parameters().get("connect.decimal.precision");
        return precision == null ? -1 : Integer.parseInt(precision);
    }
}
