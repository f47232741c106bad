package io.cqrsconnect.jdbc.common;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads table definitions from {@link DatabaseMetaData}, in the connection's current catalog and schema or in the
 * schema a qualified name gives, so that every driver answers the same way without dialect-specific catalog
 * queries.
 */
public final class TableDefinitions {

    private TableDefinitions() {
    }

    /** Where metadata looks: a catalog and a schema, each exact (null: any, or none in this database). */
    private record Place(String catalog, String schema) {
    }

    /**
     * The table with this name, or empty when there is none (or its schema does not exist). Names are matched as
     * the database stores them: the exact name first, then the name as the database folds unquoted names, then any
     * name that matches ignoring case; the same for the schema of a qualified name. The definition carries the
     * names as stored, qualified when {@code table} is.
     */
    public static Optional<TableDefinition> read(Connection connection, IdentifierRules rules, SchemaSupport schemas,
                                                 TableId table) throws SQLException {
        Optional<Place> place = place(connection, rules, schemas, table.schema());
        if (place.isEmpty()) {
            return Optional.empty();
        }
        DatabaseMetaData metaData = connection.getMetaData();
        Optional<String> stored = match(tableNames(metaData, place.get()), table.name(), rules);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        String name = stored.get();
        String catalog = place.get().catalog();
        String schema = place.get().schema();
        List<ColumnDefinition> columns = new ArrayList<>();
        try (ResultSet rows = metaData.getColumns(catalog, escape(metaData, schema), escape(metaData, name), null)) {
            while (rows.next()) {
                if (!name.equals(rows.getString("TABLE_NAME")) || !inPlace(rows, place.get())) {
                    continue;
                }
                columns.add(new ColumnDefinition(rows.getString("COLUMN_NAME"), rows.getInt("DATA_TYPE"),
                        rows.getString("TYPE_NAME"), rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        rows.getInt("COLUMN_SIZE"), rows.getInt("DECIMAL_DIGITS")));
            }
        }
        TreeMap<Short, String> keyColumns = new TreeMap<>();
        try (ResultSet rows = metaData.getPrimaryKeys(catalog, schema, name)) {
            while (rows.next()) {
                keyColumns.put(rows.getShort("KEY_SEQ"), rows.getString("COLUMN_NAME"));
            }
        }
        String storedSchema = !table.qualified() ? null
                : schemas == SchemaSupport.CATALOG ? catalog : schema;
        return Optional.of(new TableDefinition(new TableId(storedSchema, name), columns,
                new ArrayList<>(keyColumns.values())));
    }

    /**
     * The columns of each unique index of a table {@link #read} described, in index order: which columns tell its
     * rows apart. An index over an expression is left out (its columns alone are not unique), and so is a primary key
     * the database keeps without an index (SQLite's rowid): ask {@link TableDefinition#primaryKey} too.
     */
    public static List<List<String>> uniqueIndexes(Connection connection, IdentifierRules rules,
                                                   SchemaSupport schemas, TableDefinition table) throws SQLException {
        Optional<Place> place = place(connection, rules, schemas, table.name().schema());
        if (place.isEmpty()) {
            return List.of();
        }
        Map<String, TreeMap<Short, String>> indexes = new LinkedHashMap<>();
        Set<String> overExpressions = new HashSet<>();
        try (ResultSet rows = connection.getMetaData().getIndexInfo(place.get().catalog(), place.get().schema(),
                table.name().name(), true, true)) {
            while (rows.next()) {
                String index = rows.getString("INDEX_NAME");
                if (index == null || rows.getBoolean("NON_UNIQUE")) {
                    continue; // statistics rows carry no index
                }
                String column = rows.getString("COLUMN_NAME");
                if (column == null) {
                    overExpressions.add(index);
                    continue;
                }
                indexes.computeIfAbsent(index, name -> new TreeMap<>()).put(rows.getShort("ORDINAL_POSITION"),
                        column);
            }
        }
        List<List<String>> unique = new ArrayList<>();
        indexes.forEach((index, columns) -> {
            if (!overExpressions.contains(index)) {
                unique.add(List.copyOf(columns.values()));
            }
        });
        return unique;
    }

    /**
     * The names of the tables in a schema (null: the connection's current one), as stored; empty when the schema
     * does not exist.
     */
    public static List<String> tableNames(Connection connection, IdentifierRules rules, SchemaSupport schemas,
                                          String schema) throws SQLException {
        Optional<Place> place = place(connection, rules, schemas, schema);
        return place.isEmpty() ? List.of() : tableNames(connection.getMetaData(), place.get());
    }

    /**
     * A schema's name as the database stores it (matched exactly, folded, then ignoring case), or empty when there
     * is no such schema.
     *
     * @throws IllegalArgumentException when the database has no schemas
     */
    public static Optional<String> storedSchema(Connection connection, IdentifierRules rules, SchemaSupport schemas,
                                                String schema) throws SQLException {
        if (schemas == SchemaSupport.NONE) {
            throw new IllegalArgumentException("this database has no schemas, so '" + schema
                    + "' cannot qualify a table name");
        }
        return match(schemaNames(connection, schemas), schema, rules);
    }

    /**
     * The names of the schemas (on databases that qualify tables by catalog, the catalogs) the connection's user can
     * see, as stored; empty for a database without schemas.
     */
    public static List<String> schemaNames(Connection connection, SchemaSupport schemas) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        List<String> names = new ArrayList<>();
        switch (schemas) {
            case SCHEMA -> {
                try (ResultSet rows = metaData.getSchemas()) {
                    while (rows.next()) {
                        names.add(rows.getString("TABLE_SCHEM"));
                    }
                }
            }
            case CATALOG -> {
                try (ResultSet rows = metaData.getCatalogs()) {
                    while (rows.next()) {
                        names.add(rows.getString("TABLE_CAT"));
                    }
                }
            }
            case NONE -> {
            }
        }
        return names;
    }

    private static Optional<Place> place(Connection connection, IdentifierRules rules, SchemaSupport schemas,
                                         String schema) throws SQLException {
        if (schema == null) {
            return Optional.of(new Place(connection.getCatalog(), currentSchema(connection)));
        }
        Optional<String> stored = storedSchema(connection, rules, schemas, schema);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(schemas == SchemaSupport.CATALOG ? new Place(stored.get(), null)
                : new Place(connection.getCatalog(), stored.get()));
    }

    private static List<String> tableNames(DatabaseMetaData metaData, Place place) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = metaData.getTables(place.catalog(), escape(metaData, place.schema()), null,
                new String[] {"TABLE", "BASE TABLE"})) {
            while (rows.next()) {
                if (inPlace(rows, place)) {
                    names.add(rows.getString("TABLE_NAME"));
                }
            }
        }
        return names;
    }

    /** Schema arguments are patterns: a row from a schema that merely matched the pattern is not ours. */
    private static boolean inPlace(ResultSet row, Place place) throws SQLException {
        return place.schema() == null || place.schema().equals(row.getString("TABLE_SCHEM"));
    }

    private static Optional<String> match(List<String> names, String wanted, IdentifierRules rules) {
        if (names.contains(wanted)) {
            return Optional.of(wanted);
        }
        String folded = rules.fold(wanted);
        if (names.contains(folded)) {
            return Optional.of(folded);
        }
        return names.stream().filter(name -> name.equalsIgnoreCase(wanted)).findFirst();
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
        if (name == null) {
            return null;
        }
        String escape = metaData.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
