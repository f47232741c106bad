package io.cqrsconnect.elasticsearch.document;

import io.cqrsconnect.common.offsets.OffsetTracker;
import io.cqrsconnect.common.record.RecordCoordinates;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One write to send in a bulk request, with the record it came from (for the dead-letter queue and messages) and
 * the offset ticket to acknowledge once Elasticsearch has answered for it.
 *
 * @param kind index (replace), upsert (merge), create (add; what a data stream takes) or delete
 * @param index the target index, alias or data stream, already validated
 * @param id the document id
 * @param version the external version, or null when versioning is off
 * @param routing the shard routing value, or null for Elasticsearch's default (the id)
 * @param source the document's JSON (for index and upsert), null for a delete
 */
public record DocumentAction(Kind kind, String index, String id, Long version, String routing, byte[] source,
                             RecordCoordinates coordinates, SinkRecord record, OffsetTracker.Ticket ticket) {

    /** What the action does to its document. */
    public enum Kind {
        INDEX, UPSERT, DELETE,
        /** Add the document; refused (a conflict) when its id exists. The only write a data stream takes. */
        CREATE
    }

    /** Bytes the action adds to a bulk request, roughly: its source and its metadata line. */
    public long estimatedBytes() {
        return (source == null ? 0 : source.length) + index.length() + id.length() + 64;
    }
}
