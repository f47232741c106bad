package io.cqrsconnect.jdbc.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.PartiallyValidConfig;
import io.cqrsconnect.common.plugin.PluginVersion;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlErrorKind;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.SourceConnections;
import io.cqrsconnect.jdbc.source.changelog.ChangelogSourceTask;
import io.cqrsconnect.jdbc.source.check.SourceChecks;
import io.cqrsconnect.jdbc.source.config.CaptureMode;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import io.cqrsconnect.jdbc.source.config.TaskTables;
import io.cqrsconnect.jdbc.source.discovery.TableDiscovery;
import io.cqrsconnect.jdbc.source.discovery.TableWatcher;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures tables (or one query) of a relational database into Kafka topics, each record keyed by the table's
 * primary key, with commit-safe incremental reads ({@link JdbcSourceConnectorConfig} for the settings). The
 * connector lists the tables, spreads them over the tasks and lists them again every
 * {@code table.poll.interval.ms}; {@link #validate} reports every problem on the key to change, the database's
 * included.
 */
public class JdbcSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceConnector.class);

    private Map<String, String> props;
    private JdbcSourceConnectorConfig config;
    private TableWatcher watcher;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        JdbcSourceConnectorConfig parsed = new JdbcSourceConnectorConfig(props);
        parsed.crossFieldProblems().throwFirst(JdbcSourceConnectorConfig.CONFIG_DEF, props);
        this.props = Map.copyOf(props);
        this.config = parsed;
        if (parsed.capturesQuery()) {
            return;
        }
        SourceDialect dialect = Dialects.find(parsed.connectionUrl(), parsed.dialectName(),
                JdbcSourceConnectorConfig.DIALECT_NAME_CONFIG, SourceDialect.class);
        Retrier retrier = new Retrier(parsed.retryPolicy(), failure -> failure instanceof SQLException e
                && dialect.errors().classify(e) == SqlErrorKind.TRANSIENT);
        TableWatcher.Listing listing = () -> {
            try (Connection connection = SourceConnections.open(parsed, dialect)) {
                return TableDiscovery.tables(connection, dialect, parsed);
            }
        };
        List<TableId> tables;
        try {
            tables = retrier.call("list the tables to capture", listing::list);
        } catch (Exception e) {
            throw new ConnectException("Cannot list the tables to capture at " + parsed.connectionUrl() + ": "
                    + e.getMessage(), e);
        }
        if (tables.isEmpty()) {
            LOG.warn("No table matches table.include.list {} (and not table.exclude.list): no task captures anything "
                    + "until one appears", parsed.tableIncludeList());
        }
        watcher = new TableWatcher(tables, listing, parsed.tablePollInterval(),
                () -> context.requestTaskReconfiguration());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return config != null && config.mode() == CaptureMode.CHANGELOG ? ChangelogSourceTask.class
                : JdbcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (config.capturesQuery()) {
            return List.of(props);
        }
        List<TableId> tables = watcher.tables();
        if (tables.isEmpty()) {
            return List.of();
        }
        List<Map<String, String>> configs = new ArrayList<>();
        // The connector's keys stay as given (Connect restores config-provider placeholders only under them); the
        // task's tables ride beside them.
        for (List<TableId> group : ConnectorUtils.groupPartitions(tables, Math.min(maxTasks, tables.size()))) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(TaskTables.TASK_TABLES_CONFIG, TaskTables.encode(group));
            configs.add(taskConfig);
        }
        return configs;
    }

    /**
     * Exactly-once delivery (KIP-618) holds where the stored offset alone decides the next read, so the records a
     * worker writes in one transaction with their offsets are read once whatever fails: incrementing, the timestamp
     * modes and changelog (their snapshot chunks included; a changelog row is purged only after its transaction
     * committed). bulk stores no position (each pass reads every row again), so it cannot promise it. Workers
     * without {@code exactly.once.source.support=enabled} never ask.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        try {
            return new JdbcSourceConnectorConfig(connectorConfig).mode() == CaptureMode.BULK
                    ? ExactlyOnceSupport.UNSUPPORTED : ExactlyOnceSupport.SUPPORTED;
        } catch (ConfigException e) {
            return ExactlyOnceSupport.UNSUPPORTED; // validate() names the key to fix
        }
    }

    @Override
    public void stop() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    @Override
    public ConfigDef config() {
        return JdbcSourceConnectorConfig.CONFIG_DEF;
    }

    /**
     * Every problem at once, each on the key to change: the per-key checks, the rules between settings on whatever
     * passed them, then, when the whole configuration parses and agrees with itself, the database's answers
     * (connection, tables or query, the mode's columns, the privilege to see transactions in flight).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        PartiallyValidConfig partial = PartiallyValidConfig.of(config(), connectorConfigs, result);
        ConfigProblems problems = JdbcSourceConnectorConfig.problemsOf(partial);
        if (partial.allValid() && problems.isEmpty()) {
            try {
                problems = SourceChecks.check(new JdbcSourceConnectorConfig(connectorConfigs));
            } catch (ConfigException e) {
                // a value that does not parse: problemsOf reported it on its key
            }
        }
        problems.addTo(result);
        return result;
    }
}
