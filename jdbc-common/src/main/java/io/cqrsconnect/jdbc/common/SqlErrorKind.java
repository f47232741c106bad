package io.cqrsconnect.jdbc.common;

/** What a failed statement means for the records it was writing. */
public enum SqlErrorKind {
    /** The database or the path to it failed for a while (connection loss, deadlock, serialization): retry. */
    TRANSIENT,
    /** A value of some record was rejected (type, constraint, size): the record is bad, the others may be fine. */
    RECORD,
    /** Anything else (permissions, missing objects, syntax): retrying or skipping records will not help. */
    FATAL
}
