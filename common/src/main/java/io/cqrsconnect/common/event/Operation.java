package io.cqrsconnect.common.event;

/** What a change event asks a read model to do with the row or document its key names. */
public enum Operation {
    /** Make the target hold this image: insert it, or replace or merge the existing one, per the sink's mode. */
    UPSERT,
    /** Remove the row or document with this key. */
    DELETE
}
