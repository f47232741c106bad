package io.cqrsconnect.common.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads table definitions from {@link DatabaseMetaData}, in the connection's current catalog and schema, so that
 * every driver answers the same way without dialect-specific catalog queries.
 */
public final class TableDefinitions {

    private TableDefinitions() {
    }

    /**
     * The table with this name, or empty when there is none. The exact name is tried first; then the name as the
     * database folds unquoted names, then any table whose name matches ignoring case.
     */
    public static Optional<TableDefinition> read(Connection connection, IdentifierRules rules, String table)
            throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = currentSchema(connection);
        Optional<String> stored = storedName(metaData, catalog, schema, table, rules);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        String name = stored.get();
        List<ColumnDefinition> columns = new ArrayList<>();
        try (ResultSet rows = metaData.getColumns(catalog, schema, escape(metaData, name), null)) {
            while (rows.next()) {
                if (!name.equals(rows.getString("TABLE_NAME"))) {
                    continue;
                }
                columns.add(new ColumnDefinition(rows.getString("COLUMN_NAME"), rows.getInt("DATA_TYPE"),
                        rows.getString("TYPE_NAME"), rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        TreeMap<Short, String> keyColumns = new TreeMap<>();
        try (ResultSet rows = metaData.getPrimaryKeys(catalog, schema, name)) {
            while (rows.next()) {
                keyColumns.put(rows.getShort("KEY_SEQ"), rows.getString("COLUMN_NAME"));
            }
        }
        return Optional.of(new TableDefinition(name, columns, new ArrayList<>(keyColumns.values())));
    }

    private static Optional<String> storedName(DatabaseMetaData metaData, String catalog, String schema,
                                               String table, IdentifierRules rules) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = metaData.getTables(catalog, schema, null, new String[] {"TABLE", "BASE TABLE"})) {
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME"));
            }
        }
        if (names.contains(table)) {
            return Optional.of(table);
        }
        String folded = rules.fold(table);
        if (names.contains(folded)) {
            return Optional.of(folded);
        }
        return names.stream().filter(name -> name.equalsIgnoreCase(table)).findFirst();
    }

    private static String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException e) {
            return null;
        }
    }

    /** A name as a metadata search pattern: '_' and '%' are wildcards there. */
    private static String escape(DatabaseMetaData metaData, String name) throws SQLException {
        String escape = metaData.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
