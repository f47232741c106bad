package io.cqrsconnect.jdbc.sink.write;

import io.cqrsconnect.common.errors.BadRecordException;
import org.apache.kafka.connect.sink.SinkRecord;

/** A row the database refused on its own merits, with the reason, for the dead-letter queue. */
public record RefusedRow(SinkRecord record, BadRecordException reason) {
}
