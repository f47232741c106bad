package io.cqrsconnect.elasticsearch.config;

/** How an upsert event reaches its document. */
public enum InsertMode {
    /** Replace the whole document with the event's image. */
    INDEX,
    /** Merge the event's fields into the existing document (partial update), creating it when absent. */
    UPSERT
}
