package io.cqrsconnect.jdbc.source.discovery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;

/**
 * The tables a connector captures, in name order (so every listing of the same tables assigns them to tasks the same
 * way): those of the connection's current schema whose names {@code table.include.list} matches and
 * {@code table.exclude.list} does not; or, when the schema lists are set, those of every schema they choose
 * ({@link SchemaListing}), qualified by it and matched as {@code schema.table}. In changelog mode the changelog
 * tables themselves are left out. One catalog query per listing, and one per chosen schema.
 */
public final class TableDiscovery {

    private TableDiscovery() {
    }

    public static List<TableId> tables(Connection connection, SourceDialect dialect, JdbcSourceConnectorConfig config)
            throws SQLException {
        if (!config.listsSchemas()) {
            return dialect.tableNames(connection, null).stream().filter(config::captures)
                    .filter(name -> !config.isChangelogTable(name)).sorted().map(TableId::of).toList();
        }
        List<TableId> tables = new ArrayList<>();
        for (String schema : SchemaListing.schemas(connection, dialect)) {
            if (!config.capturesSchema(schema)) {
                continue;
            }
            for (String name : dialect.tableNames(connection, schema)) {
                TableId table = new TableId(schema, name);
                if (config.captures(table) && !config.isChangelogTable(name)) {
                    tables.add(table);
                }
            }
        }
        tables.sort(Comparator.comparing(TableId::schema).thenComparing(TableId::name));
        return List.copyOf(tables);
    }
}
