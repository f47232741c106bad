package io.cqrsconnect.common.values;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * What a named Connect schema means beyond its physical type: Connect's own logical types and the semantic types
 * Debezium puts in schema names. Every sink reads a field's meaning here, so a JDBC column and an Elasticsearch
 * field of the same record agree; {@link LogicalValues} decodes the values.
 */
public enum LogicalType {
    /** No logical meaning: the value is its physical type. */
    NONE,
    /** Connect {@link Decimal}: a {@link java.math.BigDecimal} of the schema's fixed scale. */
    DECIMAL,
    /** Debezium's {@code VariableScaleDecimal}: a struct of scale and unscaled bytes; each value its own scale. */
    VARIABLE_DECIMAL,
    /** A calendar date: Connect {@link Date} (a {@code java.util.Date} at midnight UTC), Debezium's epoch days. */
    DATE,
    /** A time of day, 00:00:00 to 24:00:00: Connect {@link Time}, Debezium's milli, micro and nano counts. */
    TIME,
    /** A date and time without a zone, held as a UTC count: Connect {@link Timestamp}, Debezium's counts. */
    TIMESTAMP,
    /** An instant with its offset: Debezium's {@code ZonedTimestamp}, an ISO-8601 string. */
    ZONED_TIMESTAMP,
    /** Debezium's {@code io.debezium.data.Uuid}, a string. */
    UUID,
    /** Debezium's {@code io.debezium.data.Json}: JSON text. */
    JSON;

    /** The logical type of a schema; {@link #NONE} for an unnamed schema or a name no sink interprets. */
    public static LogicalType of(Schema schema) {
        String name = schema.name();
        if (name == null) {
            return NONE;
        }
        return switch (name) {
            case Decimal.LOGICAL_NAME -> DECIMAL;
            case DebeziumTypes.VARIABLE_SCALE_DECIMAL -> VARIABLE_DECIMAL;
            case Date.LOGICAL_NAME, DebeziumTypes.DATE -> DATE;
            case Time.LOGICAL_NAME, DebeziumTypes.TIME, DebeziumTypes.MICRO_TIME, DebeziumTypes.NANO_TIME -> TIME;
            case Timestamp.LOGICAL_NAME, DebeziumTypes.TIMESTAMP, DebeziumTypes.MICRO_TIMESTAMP,
                 DebeziumTypes.NANO_TIMESTAMP -> TIMESTAMP;
            case DebeziumTypes.ZONED_TIMESTAMP -> ZONED_TIMESTAMP;
            case DebeziumTypes.UUID -> UUID;
            case DebeziumTypes.JSON -> JSON;
            default -> NONE;
        };
    }

    /**
     * The fraction-of-second digits a {@link #TIME} or {@link #TIMESTAMP} schema carries: 3 for milliseconds
     * (Connect's and Debezium's plain types), 6 for Debezium's {@code Micro*}, 9 for its {@code Nano*}; 0 for any
     * other schema.
     */
    public static int fractionDigits(Schema schema) {
        String name = schema.name();
        if (name == null) {
            return 0;
        }
        return switch (name) {
            case Time.LOGICAL_NAME, Timestamp.LOGICAL_NAME, DebeziumTypes.TIME, DebeziumTypes.TIMESTAMP -> 3;
            case DebeziumTypes.MICRO_TIME, DebeziumTypes.MICRO_TIMESTAMP -> 6;
            case DebeziumTypes.NANO_TIME, DebeziumTypes.NANO_TIMESTAMP -> 9;
            default -> 0;
        };
    }
}
