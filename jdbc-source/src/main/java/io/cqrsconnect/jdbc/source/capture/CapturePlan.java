package io.cqrsconnect.jdbc.source.capture;

import java.util.List;
import java.util.Optional;

import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.source.config.CaptureMode;
import io.cqrsconnect.jdbc.source.config.DecimalHandling;

/**
 * How one target is read, settled once against the database ({@link CapturePlans}): its columns, the columns that
 * key its records, and the columns that order its reads in its mode.
 *
 * @param target the table or query
 * @param mode the capture mode
 * @param columns the result's columns, as the database describes them (every column of a table)
 * @param captured the columns captured: all of {@code columns}, or those {@code column.include.list} and
 *                 {@code column.exclude.list} keep (the key and ordering columns always among them)
 * @param decimals how decimal columns are represented
 * @param keyColumns the names of the key columns, as the result holds them
 * @param incrementing the incrementing column, for modes that use one
 * @param timestamp the timestamp column, for modes that use one
 * @param order the columns reads are ordered by, in order: the timestamp (when used) then the tie-breakers; for
 *              bulk the key columns (keyset pages), empty when a key column cannot order reads
 */
public record CapturePlan(CaptureTarget target, CaptureMode mode, List<ResultColumn> columns,
                          List<ResultColumn> captured, DecimalHandling decimals, List<String> keyColumns,
                          Optional<OrderColumn> incrementing, Optional<OrderColumn> timestamp,
                          List<OrderColumn> order) {

    public CapturePlan {
        columns = List.copyOf(columns);
        captured = List.copyOf(captured);
        keyColumns = List.copyOf(keyColumns);
        order = List.copyOf(order);
    }

    /** True when some columns of the target are left out, so reads name the captured ones. */
    public boolean selectsColumns() {
        return captured.size() < columns.size();
    }

    /** The ordering columns after the timestamp: what breaks ties between rows sharing a timestamp. */
    public List<OrderColumn> tieBreakers() {
        return timestamp.isPresent() ? order.subList(1, order.size()) : order;
    }
}
