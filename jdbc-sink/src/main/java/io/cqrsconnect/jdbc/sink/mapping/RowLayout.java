package io.cqrsconnect.jdbc.sink.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.jdbc.common.ColumnSpec;

/**
 * The columns rows of one record shape are written to, and where each column's value comes from in a
 * {@link ChangeEvent}. Built once per distinct key/value schema and reused for every record of that shape, so a
 * record costs one array and its values, not a walk of its schema.
 */
public final class RowLayout {

    /** One column and how to read its Connect value from an event. */
    public record Column(ColumnSpec spec, String sourceField, Function<ChangeEvent, Object> reader) {
    }

    private final List<Column> columns;
    private final List<ColumnSpec> specs;
    private final List<String> keyColumns;
    private final String versionColumn;
    private final int[] keyPositions;

    public RowLayout(List<Column> columns, String versionColumn) {
        this.columns = List.copyOf(columns);
        this.specs = this.columns.stream().map(Column::spec).toList();
        this.keyColumns = specs.stream().filter(ColumnSpec::key).map(ColumnSpec::name).toList();
        this.versionColumn = versionColumn;
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).key()) {
                positions.add(i);
            }
        }
        this.keyPositions = positions.stream().mapToInt(Integer::intValue).toArray();
    }

    List<Column> columns() {
        return columns;
    }

    public List<ColumnSpec> specs() {
        return specs;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The version column, or null when writes are not guarded. */
    public String versionColumn() {
        return versionColumn;
    }

    int[] keyPositions() {
        return keyPositions;
    }

    public int versionPosition() {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(versionColumn)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowLayout layout && layout.specs.equals(specs)
                && Objects.equals(layout.versionColumn, versionColumn);
    }

    @Override
    public int hashCode() {
        return specs.hashCode();
    }
}
