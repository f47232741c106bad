package io.cqrsconnect.jdbc.source.config;

/** Whether a table is read whole before its changes are captured ({@code snapshot.mode}, Debezium's name). */
public enum SnapshotMode {
    /** Snapshot each table that has no stored offset, then capture its changes. */
    INITIAL,
    /** Never snapshot: capture starts from the table's changes (what the modes did before snapshots existed). */
    NEVER
}
