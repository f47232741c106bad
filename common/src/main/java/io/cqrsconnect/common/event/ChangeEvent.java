package io.cqrsconnect.common.event;

import java.util.Objects;

import io.cqrsconnect.common.record.RecordCoordinates;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One sink record, described once at the edge of a sink: everything downstream (routing, buffering, statement
 * building, error reporting) works on this description, never on the raw record shape.
 *
 * <p>Whatever the input was (a {@link Struct} with a schema, a schemaless map, a Debezium envelope, a tombstone), the
 * image to write is a {@link Struct}: schemaless values get an inferred schema ({@link SchemalessStructs}).
 *
 * @param coordinates the record's original topic, partition and offset, for offsets and error messages
 * @param operation upsert or delete
 * @param keySchema the record key's schema (inferred for schemaless keys; null when the record has no key)
 * @param key the record key as the converter produced it; a {@link Struct} for schemaless map keys
 * @param value the image: the new row for an upsert; for a delete the old row when the source sent one, else null
 * @param source where a change-data-capture event came from (Debezium's {@code source} block); null otherwise
 * @param tombstone true when the record had a null value (a delete that carries only its key)
 * @param record the record as the worker delivered it, for the dead-letter queue
 */
public record ChangeEvent(RecordCoordinates coordinates, Operation operation, Schema keySchema, Object key,
                          Struct value, SourceInfo source, boolean tombstone, SinkRecord record) {

    public ChangeEvent {
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(operation, "operation");
        if (operation == Operation.UPSERT && value == null) {
            throw new IllegalArgumentException("an upsert needs a value: " + coordinates);
        }
    }

    /** The topic the worker delivered the record under (after any topic-renaming transformation). */
    public String topic() {
        return record == null ? coordinates.topic() : record.topic();
    }

    /** The Kafka offset, the default ordering version of the event. */
    public long offset() {
        return coordinates.offset();
    }
}
