package io.cqrsconnect.jdbc.source.check;

import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.CONNECTION_URL_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.CONNECTION_USER_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.DIALECT_NAME_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.TABLE_INCLUDE_LIST_CONFIG;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.JdbcConnectionSettings;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.source.capture.CapturePlans;
import io.cqrsconnect.jdbc.source.capture.CaptureTarget;
import io.cqrsconnect.jdbc.source.capture.ColumnSelection;
import io.cqrsconnect.jdbc.source.capture.SourceConnections;
import io.cqrsconnect.jdbc.source.changelog.ChangelogChecks;
import io.cqrsconnect.jdbc.source.config.CaptureMode;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import io.cqrsconnect.jdbc.source.discovery.TableDiscovery;
import io.cqrsconnect.jdbc.source.outbox.OutboxChecks;
import org.apache.kafka.common.config.ConfigException;

/**
 * What {@code validate()} checks against the database, each problem on the key to change: the dialect, the
 * connection, that the settings name tables (or a query) that exist and fit the mode (key columns, an integer
 * incrementing column, a timestamp column), and that the user may see what is in flight where the mode needs it.
 */
public final class SourceChecks {

    private SourceChecks() {
    }

    /** The targets the configuration captures now: its query, or the tables discovery finds. */
    public static List<CaptureTarget> targets(Connection connection, SourceDialect dialect,
                                              JdbcSourceConnectorConfig config) throws SQLException {
        if (config.capturesQuery()) {
            return List.of(new CaptureTarget.Query(config.query()));
        }
        List<CaptureTarget> targets = new ArrayList<>();
        TableDiscovery.tables(connection, dialect, config).forEach(id -> targets.add(new CaptureTarget.Table(id)));
        return targets;
    }

    public static ConfigProblems check(JdbcSourceConnectorConfig config) {
        ConfigProblems problems = new ConfigProblems();
        SourceDialect dialect;
        try {
            dialect = Dialects.find(config.connectionUrl(), config.dialectName(), DIALECT_NAME_CONFIG,
                    SourceDialect.class);
        } catch (ConfigException e) {
            return problems.add(config.dialectName().isBlank() ? CONNECTION_URL_CONFIG : DIALECT_NAME_CONFIG, e);
        }
        try (Connection connection = SourceConnections.open(config, dialect)) {
            List<CaptureTarget> targets = targets(connection, dialect, config);
            if (targets.isEmpty()) {
                problems.add(TABLE_INCLUDE_LIST_CONFIG, "no table of " + (config.listsSchemas()
                        ? "the schemas schema.include.list chooses" : "the connection's current schema")
                        + " matches " + config.tableIncludeList() + " (and not table.exclude.list)");
            }
            if (config.columns().filters() && !targets.isEmpty()) {
                for (String pattern : ColumnSelection.unmatchedPatterns(connection, dialect, config.columns(),
                        targets)) {
                    problems.add(config.columns().listKey(), "'" + pattern + "' matches no column of the captured "
                            + "tables: a column is matched as schema.table.column or table.column");
                }
            }
            for (CaptureTarget target : targets) {
                CapturePlans.collectProblems(connection, dialect, config, target, problems);
                OutboxChecks.collectProblems(connection, dialect, config, target, problems);
            }
            SignalChecks.collect(connection, dialect, config, problems);
            if (config.mode() == CaptureMode.CHANGELOG) {
                ChangelogChecks.collect(connection, dialect, config, targets, problems);
            }
            if (config.mode() != CaptureMode.BULK) {
                try {
                    dialect.commitHorizon(connection, config.commitLookBack());
                } catch (SQLException e) {
                    problems.add(CONNECTION_USER_CONFIG, e.getMessage());
                }
            }
        } catch (SQLException e) {
            for (String key : JdbcConnectionSettings.keysToChange(e)) {
                problems.add(key, "cannot connect or read the catalog: " + e.getMessage());
            }
        }
        return problems;
    }
}
