package io.cqrsconnect.jdbc.sink.schema;

import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.WriteShape;

/**
 * A row layout matched to an existing table: the statement shape with the table's own spelling of its names, which
 * layout values to bind (a column of unknown type that the table lacks is left out), and what the dialect answered
 * about the table that it needs back with every write (dialects keep no state).
 *
 * @param shape the write shape, named as the table names its columns
 * @param projection for each shape column, the index of its value in a row of the layout; null for all, in order
 * @param bulkLoad true when inserts into the table may take the dialect's bulk load
 *                 ({@link SinkDialect#acceptsBulkInsert})
 */
public record PreparedTable(WriteShape shape, int[] projection, boolean bulkLoad) {

    public Object[] project(Object[] values) {
        if (projection == null) {
            return values;
        }
        Object[] projected = new Object[projection.length];
        for (int i = 0; i < projection.length; i++) {
            projected[i] = values[projection[i]];
        }
        return projected;
    }
}
