package io.cqrsconnect.common.values;

/**
 * The schema names Debezium gives its semantic types (facts of its event format, documented with its connectors'
 * data type mappings). Each names a physical type's meaning: {@code MicroTimestamp} is an INT64 of microseconds
 * since the epoch, read as a UTC date and time without a zone.
 */
public final class DebeziumTypes {

    /** INT32, days since the epoch. */
    public static final String DATE = "io.debezium.time.Date";
    /** INT32, milliseconds since midnight. */
    public static final String TIME = "io.debezium.time.Time";
    /** INT64, microseconds since midnight. */
    public static final String MICRO_TIME = "io.debezium.time.MicroTime";
    /** INT64, nanoseconds since midnight. */
    public static final String NANO_TIME = "io.debezium.time.NanoTime";
    /** INT64, milliseconds since the epoch, no zone. */
    public static final String TIMESTAMP = "io.debezium.time.Timestamp";
    /** INT64, microseconds since the epoch, no zone. */
    public static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    /** INT64, nanoseconds since the epoch, no zone. */
    public static final String NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    /** STRING, an ISO-8601 instant with its offset, e.g. {@code 2024-05-01T10:15:30.123456Z}. */
    public static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    /** STRING, a UUID in its canonical text form. */
    public static final String UUID = "io.debezium.data.Uuid";
    /** STRING, JSON text. */
    public static final String JSON = "io.debezium.data.Json";
    /** STRUCT of {@code scale} (INT32) and {@code value} (BYTES, the unscaled two's-complement integer). */
    public static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

    private DebeziumTypes() {
    }
}
