package io.cqrsconnect.elasticsearch.config;

/** What a record with a null value (a tombstone) does to the document its key names. */
public enum TombstoneBehavior {
    /** Skip it: the document stays. */
    IGNORE,
    /** Delete the document. */
    DELETE,
    /** Treat it as a bad record (dead-letter queue, or the task fails). */
    FAIL
}
