package io.cqrsconnect.jdbc.sink.mapping;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.Operation;

/**
 * One row to write or delete in one table: the layout its values follow, the values (JDBC-ready, aligned with the
 * layout's columns), and the event it came from, for offsets and error messages.
 *
 * <p>For an upsert the values are the whole row; for a delete they are the key columns, then the version when the
 * delete is guarded.
 */
public record SinkRow(String table, Operation operation, RowLayout layout, Object[] values, ChangeEvent event) {

    /** The key as a value with content equality (byte arrays compared by content), for last-write-wins buffering. */
    public List<Object> key() {
        int[] positions = layout.keyPositions();
        Object[] key = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            Object value = values[positions[i]];
            key[i] = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
        }
        return Arrays.asList(key);
    }
}
