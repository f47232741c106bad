package io.cqrsconnect.jdbc.source.config;

/**
 * How rows are found, as users of query-based JDBC sources know the modes ({@code timestamp+incrementing} is spelled
 * {@code timestamp_incrementing}, as every choice in this bundle is).
 */
public enum CaptureMode {
    /** Every row, every poll interval: for small tables and tables without any ordering column. */
    BULK(false, false),
    /** New rows, by a strictly increasing integer column; updates are not seen. */
    INCREMENTING(true, false),
    /** New and updated rows, by a timestamp column set on each write; the key columns break ties. */
    TIMESTAMP(false, true),
    /** New and updated rows, by a timestamp column, the incrementing column breaking ties. */
    TIMESTAMP_INCREMENTING(true, true),
    /**
     * Inserts, updates and deletes, with before and after images, from a changelog table that triggers fill (the
     * {@code changelog} package): for databases whose logs the connector may not read.
     */
    CHANGELOG(false, false);

    private final boolean incrementing;
    private final boolean timestamp;

    CaptureMode(boolean incrementing, boolean timestamp) {
        this.incrementing = incrementing;
        this.timestamp = timestamp;
    }

    /** True when the mode reads an incrementing column. */
    public boolean usesIncrementing() {
        return incrementing;
    }

    /** True when the mode reads a timestamp column. */
    public boolean usesTimestamp() {
        return timestamp;
    }
}
