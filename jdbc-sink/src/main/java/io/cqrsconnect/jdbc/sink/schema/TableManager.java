package io.cqrsconnect.jdbc.sink.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cqrsconnect.common.readmodel.FirstGenerationPublisher;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.common.record.RecordCoordinates;
import io.cqrsconnect.jdbc.common.ColumnChange;
import io.cqrsconnect.jdbc.common.ColumnDefinition;
import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.SchemaSupport;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.TableDefinition;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.common.WriteShape;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.InsertMode;
import io.cqrsconnect.jdbc.sink.mapping.RowLayout;
import io.cqrsconnect.jdbc.sink.readmodel.JdbcViewSwitch;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps target tables fit for the rows written to them: creates a missing table ({@code auto.create}), adds missing
 * columns, widens numeric columns whose values outgrew them, and lets NOT NULL columns accept NULL when records lack
 * them ({@code auto.evolve}); never drops or narrows anything. Table definitions are cached and re-read after every
 * change this task makes.
 */
public final class TableManager {

    private static final Logger LOG = LoggerFactory.getLogger(TableManager.class);

    private final SinkDialect dialect;
    private final boolean autoCreate;
    private final boolean autoEvolve;
    private final String tableNameFormat;
    private final Map<String, TableDefinition> tables = new HashMap<>();
    private final Map<String, Map<RowLayout, PreparedTable>> prepared = new HashMap<>();
    /** Insert mode only: whether each table takes the dialect's bulk load, as the dialect answered. */
    private final boolean inserts;
    private final Map<String, Boolean> bulkLoadable = new HashMap<>();
    /** Read-model generations only: the logical-name views, and the tables whose view this task has checked. */
    private final JdbcViewSwitch views;
    private final FirstGenerationPublisher publisher;
    private final Set<TableId> published = new HashSet<>();
    /** NOT NULL columns this database cannot relax, warned about once each. */
    private final Set<String> warnedStrict = new HashSet<>();

    /**
     * @param views the logical-name views when the connector writes read-model generations, else null
     * @throws ConfigException when the settings ask for what this database cannot do (a schema on SQLite)
     */
    public TableManager(SinkDialect dialect, JdbcSinkConnectorConfig config, JdbcViewSwitch views) {
        config.dialectProblems(dialect).throwFirst(JdbcSinkConnectorConfig.CONFIG_DEF, config.originals());
        this.dialect = dialect;
        this.autoCreate = config.autoCreate();
        this.autoEvolve = config.autoEvolve();
        this.tableNameFormat = config.tableNameTemplate().toString();
        this.views = views;
        this.publisher = views == null ? null : new FirstGenerationPublisher(views, views::isTable, "table", "view");
        this.inserts = config.insertMode() == InsertMode.INSERT;
    }

    /** Forgets what is known of a table (after a failure, in case someone else changed it). */
    public void forget(String table) {
        tables.remove(table);
        prepared.remove(table);
        bulkLoadable.remove(table);
    }

    /** The table's definition, or empty when it does not exist. */
    Optional<TableDefinition> existing(Connection connection, String table) throws SQLException {
        TableDefinition known = tables.get(table);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<TableDefinition> read = dialect.describeTable(connection, TableId.parse(table));
        read.ifPresent(definition -> tables.put(table, definition));
        return read;
    }

    /**
     * Makes the table ready for rows of this layout (creating or evolving it as configured) and matches the layout
     * to it.
     *
     * @param first the record that brought this layout, named in errors
     */
    public PreparedTable prepareUpserts(Connection connection, String table, RowLayout layout, RecordCoordinates first)
            throws SQLException {
        PreparedTable known = prepared.getOrDefault(table, Map.of()).get(layout);
        if (known != null) {
            return known;
        }
        TableDefinition definition = existing(connection, table).orElse(null);
        if (definition == null) {
            definition = create(connection, table, layout, first);
        }
        TableDefinition evolved = evolve(connection, definition, layout, first);
        if (evolved != definition) {
            tables.put(table, evolved);
        }
        publish(evolved.name(), evolved != definition);
        definition = evolved;
        PreparedTable match = match(definition, layout, true, bulkLoadable(connection, table, definition));
        prepared.computeIfAbsent(table, t -> new HashMap<>()).put(layout, match);
        return match;
    }

    /**
     * The delete statement shape for a layout, or empty when the table does not exist (nothing to delete).
     *
     * @throws ConnectException when the table lacks a key column: a delete must never match more than its row
     */
    public Optional<PreparedTable> prepareDeletes(Connection connection, String table, RowLayout layout,
                                           RecordCoordinates first) throws SQLException {
        Optional<TableDefinition> definition = existing(connection, table);
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        for (String key : layout.keyColumns()) {
            if (definition.get().column(key).isEmpty()) {
                throw new ConnectException("Record at " + first + ": cannot delete from table '"
                        + definition.get().name() + "' by the key column '" + key + "', which the table does not "
                        + "have (its columns: " + definition.get().columns().stream().map(ColumnDefinition::name)
                        .toList() + "). Check pk.mode, pk.fields and field.renames against the table.");
            }
        }
        return Optional.of(match(definition.get(), layout, false, false));
    }

    /**
     * For a read-model generation's table: creates the logical name's view over it when there is none yet, and
     * refreshes the view after this table changed (a view's column list is fixed when it is created), as common's
     * {@link FirstGenerationPublisher} decides for every sink.
     */
    private void publish(TableId table, boolean changed) throws SQLException {
        if (views == null || published.contains(table) && !changed) {
            return;
        }
        var physical = ReadModelGeneration.parse(table.name());
        if (physical.isEmpty()) {
            return;
        }
        // The view lives in the generation's schema: "readmodels.orders" over "readmodels.orders__g3".
        var generation = new ReadModelGeneration(table.sibling(physical.get().logicalName()).toString(),
                physical.get().generation());
        try {
            publisher.publish(generation, changed);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) { // JdbcViewSwitch throws SQLException; LogicalNameSwitch declares Exception
            throw new ConnectException("could not publish read model generation " + table + ": " + e, e);
        }
        published.add(table);
    }

    private TableDefinition create(Connection connection, String table, RowLayout layout, RecordCoordinates first)
            throws SQLException {
        TableId id = inExistingSchema(connection, TableId.parse(table), first);
        if (!autoCreate) {
            throw new ConnectException("Record at " + first + ": table '" + table + "' does not exist. Create it, "
                    + "or set auto.create=true to let the connector create it from the record's schema.");
        }
        List<ColumnSpec> columns = layout.specs().stream().filter(c -> c.kind() != ColumnKind.UNKNOWN).toList();
        String ddl = dialect.createTable(id, columns, layout.keyColumns());
        try {
            execute(connection, List.of(ddl));
            LOG.info("Created table {}: {}", id, ddl);
        } catch (SQLException e) {
            connection.rollback();
            // Another task may have created it at the same moment: that is fine, anything else is not.
            if (dialect.describeTable(connection, id).isEmpty()) {
                throw e;
            }
        }
        forget(table);
        return existing(connection, table).orElseThrow(() -> new ConnectException("table '" + table
                + "' was created but cannot be found in the database's metadata"));
    }

    /**
     * The table with its schema as the database spells it. The connector creates tables, never schemas: a schema
     * is where a DBA decides ownership and privileges, creating one needs rights a sink should not hold, and a typo
     * in table.name.format would otherwise leave stray schemas (stray databases, on MySQL) behind.
     *
     * @throws ConnectException when the schema does not exist
     */
    private TableId inExistingSchema(Connection connection, TableId table, RecordCoordinates first)
            throws SQLException {
        if (!table.qualified()) {
            return table;
        }
        Optional<String> schema = dialect.storedSchema(connection, table.schema());
        if (schema.isEmpty()) {
            String kind = dialect.schemaSupport() == SchemaSupport.CATALOG ? "database" : "schema";
            throw new ConnectException("Record at " + first + ": the " + kind + " '" + table.schema() + "' of table '"
                    + table + "' does not exist (table.name.format=" + tableNameFormat + "). The connector creates "
                    + "tables, never " + kind + "s: create it (CREATE " + kind.toUpperCase(Locale.ROOT)
                    + " " + table.schema() + ") and let connection.user create tables in it, or change "
                    + "table.name.format.");
        }
        return new TableId(schema.get(), table.name());
    }

    private TableDefinition evolve(Connection connection, TableDefinition definition, RowLayout layout,
                                   RecordCoordinates first) throws SQLException {
        List<ColumnSpec> missing = new ArrayList<>();
        for (ColumnSpec column : layout.specs()) {
            if (definition.column(column.name()).isEmpty() && column.kind() != ColumnKind.UNKNOWN) {
                missing.add(column);
            }
        }
        List<String> widenings = autoEvolve ? widenings(connection, definition, layout, first) : List.of();
        List<ColumnDefinition> tooStrict = new ArrayList<>();
        for (ColumnDefinition column : definition.columns()) {
            if (column.nullable() || definition.primaryKey().contains(column.name())) {
                continue;
            }
            Optional<ColumnSpec> written = layout.specs().stream()
                    .filter(spec -> spec.name().equalsIgnoreCase(column.name())).findFirst();
            if (written.isEmpty() || written.get().nullable()) {
                tooStrict.add(column);
            }
        }
        if (missing.isEmpty() && tooStrict.isEmpty() && widenings.isEmpty()) {
            return definition;
        }
        if (!missing.isEmpty() && !autoEvolve) {
            throw new ConnectException("Record at " + first + ": table '" + definition.name() + "' has no column "
                    + missing.stream().map(ColumnSpec::name).toList() + " for the record's fields. Add them, exclude "
                    + "the fields with field.exclude.list, or set auto.evolve=true.");
        }
        if (!autoEvolve) {
            return definition; // rows without a value for a NOT NULL column fail one by one, to the DLQ
        }
        for (ColumnSpec column : missing) {
            if (column.key()) {
                throw new ConnectException("Record at " + first + ": table '" + definition.name() + "' lacks the "
                        + "key column '" + column.name() + "', and a primary key cannot be added to a table in "
                        + "place. Check pk.mode and pk.fields against the table.");
            }
        }
        List<String> ddl = new ArrayList<>(dialect.addColumns(definition.name(), missing));
        ddl.addAll(widenings);
        for (ColumnDefinition column : tooStrict) {
            Optional<String> relax = dialect.relaxNullability(connection, definition.name(), column);
            if (relax.isPresent()) {
                ddl.add(relax.get());
            } else if (warnedStrict.add(definition.name() + "." + column.name())) {
                LOG.warn("Column {} of table {} is NOT NULL, and the {} dialect cannot let a column accept NULL in "
                        + "place (the table would have to be rebuilt): records without a value for it are rejected, "
                        + "to the "
                        + "dead-letter queue with errors.tolerance=all. Rebuild the table by hand, or write a new "
                        + "read-model generation (read.model.generation).", column.name(), definition.name(),
                        dialect.name());
            }
        }
        if (ddl.isEmpty()) {
            return definition;
        }
        if (!widenings.isEmpty() && views != null && dialect.viewsPinColumnTypes()) {
            ddl = views.aroundColumnTypeChanges(definition.name(), ddl);
        }
        execute(connection, ddl);
        LOG.info("Evolved table {}: {}", definition.name(), ddl);
        return dialect.describeTable(connection, definition.name()).orElseThrow(() -> new ConnectException(
                "table '" + definition.name() + "' was changed but cannot be found in the database's metadata"));
    }

    /**
     * The statements widening the columns whose values outgrew them.
     *
     * @throws ConnectException naming the table, the columns, their types and the types the values need, when a
     *                          column cannot hold the values without losing data: nothing is changed then
     */
    private List<String> widenings(Connection connection, TableDefinition definition, RowLayout layout,
                                   RecordCoordinates first) throws SQLException {
        List<String> widenings = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (ColumnSpec column : layout.specs()) {
            Optional<ColumnDefinition> existing = definition.column(column.name());
            if (existing.isEmpty()) {
                continue;
            }
            ColumnChange change = dialect.widenColumn(connection, definition.name(), existing.get(), column);
            if (change instanceof ColumnChange.Widen widen) {
                widenings.add(widen.statement());
            } else if (change instanceof ColumnChange.Refused refused) {
                refusals.add("column '" + existing.get().name() + "' is " + existing.get().describeType()
                        + " and the values now need " + refused.type() + " (Connect " + connectType(column)
                        + "): " + refused.reason());
            }
        }
        if (!refusals.isEmpty()) {
            throw new ConnectException("Record at " + first + ": table '" + definition.name() + "' cannot take the "
                    + "record's values without losing data: " + String.join("; ", refusals) + ". auto.evolve widens "
                    + "columns in place but never narrows or converts them, so nothing was changed. Change the column "
                    + "by hand, exclude or rename the field (field.exclude.list, field.renames), or write to a new "
                    + "table (table.name.format) or read-model generation (read.model.generation).");
        }
        return widenings;
    }

    private static String connectType(ColumnSpec column) {
        var schema = column.schema();
        return schema.name() == null ? schema.type().toString() : schema.type() + " " + schema.name()
                + (schema.parameters() == null || schema.parameters().isEmpty() ? "" : " " + schema.parameters());
    }

    private void execute(Connection connection, List<String> ddl) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : ddl) {
                statement.executeUpdate(sql);
            }
        }
        connection.commit();
    }

    /** In insert mode, whether the table takes the dialect's bulk load: asked once per table, until forgotten. */
    private boolean bulkLoadable(Connection connection, String table, TableDefinition definition)
            throws SQLException {
        if (!inserts) {
            return false;
        }
        Boolean known = bulkLoadable.get(table);
        if (known == null) {
            known = dialect.acceptsBulkInsert(connection, definition.name());
            bulkLoadable.put(table, known);
        }
        return known;
    }

    /**
     * The layout in the table's own spelling, each column written as the existing column stores it (an array as
     * JSON into a jsonb column); unknown-type columns the table lacks are left out.
     */
    private PreparedTable match(TableDefinition definition, RowLayout layout, boolean upsert, boolean bulkLoad) {
        List<ColumnSpec> columns = new ArrayList<>();
        List<Integer> projection = new ArrayList<>();
        String versionColumn = null;
        List<String> keyColumns = new ArrayList<>();
        List<ColumnSpec> specs = layout.specs();
        for (int i = 0; i < specs.size(); i++) {
            ColumnSpec spec = specs.get(i);
            Optional<ColumnDefinition> column = definition.column(spec.name());
            if (column.isEmpty()) {
                continue; // unknown type, or a guard column a hand-made table lacks
            }
            String name = column.get().name();
            columns.add(dialect.matchExisting(column.get(), new ColumnSpec(name, spec.schema(), spec.key(),
                    spec.kind())));
            projection.add(i);
            if (spec.key()) {
                keyColumns.add(name);
            }
            if (spec.name().equals(layout.versionColumn())) {
                versionColumn = name;
            }
        }
        boolean identity = projection.size() == specs.size();
        int[] indexes = identity ? null : projection.stream().mapToInt(Integer::intValue).toArray();
        return new PreparedTable(new WriteShape(definition.name(), columns, keyColumns,
                upsert || versionColumn != null ? versionColumn : null), indexes, bulkLoad);
    }
}
