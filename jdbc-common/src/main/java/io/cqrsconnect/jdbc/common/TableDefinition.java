package io.cqrsconnect.jdbc.common;

import java.util.List;
import java.util.Optional;

/**
 * A table as the database describes it: its columns in order and its primary key.
 *
 * @param name the table's name as stored in the catalog; qualified by its schema when it was looked up by a
 *             qualified name
 * @param columns the columns, in the table's order
 * @param primaryKey the primary key's column names in key order; empty when the table has none
 */
public record TableDefinition(TableId name, List<ColumnDefinition> columns, List<String> primaryKey) {

    public TableDefinition {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /**
     * The column with this name: the exact name first, then ignoring case (a table created by hand without quotes
     * stores its names folded to one case, while records usually carry them in another).
     */
    public Optional<ColumnDefinition> column(String name) {
        ColumnDefinition caseInsensitive = null;
        for (ColumnDefinition column : columns) {
            if (column.name().equals(name)) {
                return Optional.of(column);
            }
            if (caseInsensitive == null && column.name().equalsIgnoreCase(name)) {
                caseInsensitive = column;
            }
        }
        return Optional.ofNullable(caseInsensitive);
    }
}
