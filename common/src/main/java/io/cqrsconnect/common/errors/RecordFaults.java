package io.cqrsconnect.common.errors;

import io.cqrsconnect.common.record.RecordCoordinates;

/**
 * The line between a record's own faults and the task's. Everything a sink does with one record before it reaches
 * the store (reading it into a change event, routing it, mapping its fields, converting its values) depends on
 * nothing but that record and the configuration, so any failure there is the record's: it becomes a
 * {@link BadRecordException} (dead-letter queue, or a task failure naming the record), never a dead task. Failures
 * of the store or the connection happen after this line and stop the task.
 *
 * <p>Code that knows the field and the setting at fault throws {@link BadRecordException} itself; this is the net
 * under it, for what nobody foresaw (a converter's value a decoder cannot read, a Connect check that throws).
 */
public final class RecordFaults {

    private RecordFaults() {
    }

    /**
     * The record-level error for an unforeseen failure while describing, mapping or converting one record; a
     * {@link BadRecordException} as it is.
     */
    public static BadRecordException of(RecordCoordinates record, RuntimeException failure) {
        if (failure instanceof BadRecordException bad) {
            return bad;
        }
        return new BadRecordException(record, null, "it could not be read and converted ("
                + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": "
                + failure.getMessage()) + ").", null, "The record's content caused this, not the store: "
                + "check its producer and converter (value.converter).", failure);
    }
}
