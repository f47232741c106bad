package io.cqrsconnect.jdbc.source.capture;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.source.schema.ColumnReaders;
import io.cqrsconnect.jdbc.source.schema.RowConverter;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What every read of one target shares: the SELECT of its captured columns, the converter of a result's rows
 * (rebuilt only when the result's columns change) and the records the rows become, each with the target's partition,
 * topic and the signals it has executed in its offset.
 */
final class TargetRows {

    private final CapturePlan plan;
    private final SourceDialect dialect;
    private final String topic;
    private final SnapshotSignals signals;
    private RowConverter converter;

    TargetRows(CapturePlan plan, SourceDialect dialect, String topic, SnapshotSignals signals) {
        this.plan = plan;
        this.dialect = dialect;
        this.topic = topic;
        this.signals = signals;
    }

    /** {@code SELECT <captured columns> FROM <target>}, for the caller's conditions to follow. */
    SqlBuilder select() {
        return ColumnSelection.selectFrom(dialect.sql(), plan, dialect);
    }

    static void orderBy(SqlBuilder sql, List<OrderColumn> order) {
        sql.append(" ORDER BY ").list(order, (builder, column) -> builder.identifier(column.name()));
    }

    /** Readies the converter for {@code result}'s columns; call before reading its rows. */
    void prepare(ResultSet result) throws SQLException {
        converter = RowConverter.forResult(converter, new ColumnReaders(dialect, plan.decimals()),
                result.getMetaData(), plan.keyColumns());
    }

    /** The 1-based index of column {@code name} in the prepared result. */
    int indexOf(String name) throws SQLException {
        return converter.indexOf(name);
    }

    /** The indexes of the ordering columns in the prepared result. */
    int[] indexes(List<OrderColumn> order) throws SQLException {
        int[] indexes = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            indexes[i] = converter.indexOf(order.get(i).name());
        }
        return indexes;
    }

    /** The current row of the prepared result. */
    Struct value(ResultSet result) throws SQLException {
        return converter.value(result);
    }

    /** The record of a row read through the prepared result, resuming at {@code offset}. */
    SourceRecord record(Struct value, Map<String, ?> offset) {
        return record(converter, value, offset);
    }

    /** The record of a row {@code converter} read, resuming at {@code offset}. */
    SourceRecord record(RowConverter converter, Struct value, Map<String, ?> offset) {
        return new SourceRecord(plan.target().partition(), signals.into(new HashMap<>(offset)), topic, null,
                converter.keySchema(), converter.key(value), converter.valueSchema(), value);
    }
}
