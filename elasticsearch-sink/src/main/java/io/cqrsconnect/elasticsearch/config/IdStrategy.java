package io.cqrsconnect.elasticsearch.config;

/** Where a document's id comes from. */
public enum IdStrategy {
    /** The record key: a primitive as is, a struct or map as a stable string of its fields. */
    RECORD_KEY,
    /** Fields of the value, listed in {@code pk.fields}. */
    RECORD_VALUE,
    /** topic+partition+offset: every record becomes its own document (an append-only log). */
    KAFKA
}
