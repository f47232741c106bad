package io.cqrsconnect.jdbc.sink.write;

import java.util.List;

import io.cqrsconnect.jdbc.sink.mapping.SinkRow;

/** Rows bound for one table, in the order they are to be written. */
public record Segment(String table, List<SinkRow> rows) {
}
