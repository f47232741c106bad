package io.cqrsconnect.jdbc.common;

import java.util.List;
import java.util.Objects;

/**
 * The shape of the rows one write statement carries: target table, columns in binding order, which of them form the
 * key, and which one (if any) holds the row's version for the version guard.
 *
 * @param table the table, unquoted
 * @param columns every column written, key columns included
 * @param keyColumns names of the key columns, a subset of {@code columns}; empty for keyless inserts
 * @param versionColumn the column holding the row's version, or null when writes are not guarded
 */
public record WriteShape(TableId table, List<ColumnSpec> columns, List<String> keyColumns, String versionColumn) {

    public WriteShape {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
    }

    /** The names of all columns, in order. */
    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    /** The columns that are not part of the key, in order. */
    public List<String> valueColumnNames() {
        return columns.stream().filter(column -> !keyColumns.contains(column.name())).map(ColumnSpec::name).toList();
    }

    /** True when an upsert must not overwrite a row holding a newer version. */
    public boolean guarded() {
        return versionColumn != null;
    }
}
