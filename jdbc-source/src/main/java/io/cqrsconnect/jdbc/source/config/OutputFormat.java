package io.cqrsconnect.jdbc.source.config;

/** What a record's value holds ({@code output.format}). */
public enum OutputFormat {
    /** The row as it is: what users of query-based sources expect; a delete is a tombstone only. */
    ROW,
    /** A Debezium-compatible change event: before, after, op, source, ts_ms; a tombstone follows a delete. */
    ENVELOPE
}
