package io.cqrsconnect.jdbc.source.discovery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;

/**
 * The tables a connector captures: those of the connection's current schema whose names
 * {@code table.include.list} matches and {@code table.exclude.list} does not, in name order (so every listing of
 * the same tables assigns them to tasks the same way). In changelog mode the changelog tables themselves are left
 * out. One catalog query per listing.
 */
public final class TableDiscovery {

    private TableDiscovery() {
    }

    public static List<TableId> tables(Connection connection, SourceDialect dialect, JdbcSourceConnectorConfig config)
            throws SQLException {
        return dialect.tableNames(connection, null).stream().filter(config::captures)
                .filter(name -> !config.isChangelogTable(name)).sorted().map(TableId::of).toList();
    }
}
