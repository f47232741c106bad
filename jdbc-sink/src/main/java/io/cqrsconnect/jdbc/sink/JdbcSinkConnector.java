package io.cqrsconnect.jdbc.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.PartiallyValidConfig;
import io.cqrsconnect.common.plugin.PluginVersion;
import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.JdbcConnectionSettings;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import io.cqrsconnect.jdbc.sink.write.JdbcConnection;
import io.cqrsconnect.jdbc.sink.write.OffsetStore;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materializes topics into tables of PostgreSQL, MySQL/MariaDB, SQLite, H2 or any JDBC database: insert, upsert or
 * update rows by key, delete on tombstones and Debezium deletes, with an optional version guard. See
 * {@link JdbcSinkConnectorConfig} for the settings; {@link #validate} reports connectivity and cross-field problems
 * on the keys to change.
 */
public class JdbcSinkConnector extends SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        JdbcSinkConnectorConfig config = new JdbcSinkConnectorConfig(props);
        config.crossFieldProblems().throwFirst(JdbcSinkConnectorConfig.CONFIG_DEF, props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        // The connector's keys, unchanged: Connect puts a config provider's placeholder (${file:...}) back only
        // under the keys the connector config has, so a secret copied under another key would be stored resolved
        // in the config topic and shown by GET /connectors/{name}/tasks (ConfigProviderSecretsIT).
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return JdbcSinkConnectorConfig.CONFIG_DEF;
    }

    /**
     * Every problem at once, each on the key to change: the per-key checks of the definition; the cross-field rules
     * on whatever passed them (common's {@link PartiallyValidConfig}, as the Elasticsearch sink runs them); then, when
     * the connection settings are valid, the dialect and what it cannot do (when the whole configuration parses); and
     * last, for a configuration without any of those problems, a test connection. Like every connector of this
     * bundle it asks its store only then: a wrong URL or credential would add a second, vaguer message about the
     * same key, and each attempt can take the driver's whole connect timeout.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        PartiallyValidConfig partial = PartiallyValidConfig.of(config(), connectorConfigs, result);
        ConfigProblems problems = JdbcSinkConnectorConfig.problemsOf(partial);
        JdbcSinkConnectorConfig config = null;
        if (partial.allValid()) {
            try {
                config = new JdbcSinkConnectorConfig(connectorConfigs);
            } catch (ConfigException e) {
                // a value that does not parse: problemsOf reported it on its key
            }
        }
        Map<String, Object> valid = new HashMap<>();
        for (ConfigValue value : result.configValues()) {
            if (!partial.invalidKeys().contains(value.name())) {
                valid.put(value.name(), value.value());
            }
        }
        String url = (String) valid.get(JdbcSinkConnectorConfig.CONNECTION_URL_CONFIG);
        String dialectName = (String) valid.get(JdbcSinkConnectorConfig.DIALECT_NAME_CONFIG);
        if (url != null && dialectName != null) {
            checkDatabase(problems, config, url, dialectName);
        }
        problems.addTo(result);
        return result;
    }

    /** The dialect the settings choose, what it cannot do, and a test connection. */
    private static void checkDatabase(ConfigProblems problems, JdbcSinkConnectorConfig config, String url,
                                      String dialectName) {
        SinkDialect dialect;
        try {
            dialect = Dialects.find(url, dialectName, JdbcSinkConnectorConfig.DIALECT_NAME_CONFIG, SinkDialect.class);
        } catch (ConfigException e) {
            problems.add(dialectName.isBlank() ? JdbcSinkConnectorConfig.CONNECTION_URL_CONFIG
                    : JdbcSinkConnectorConfig.DIALECT_NAME_CONFIG, e.getMessage());
            return;
        }
        if (config == null) {
            return;
        }
        config.dialectProblems(dialect).byKey().forEach((key, found) -> found.forEach(each ->
                problems.add(key, each)));
        if (problems.isEmpty()) {
            testConnection(problems, dialect, url, config.connectionUser(), config.connectionPassword().value());
        }
    }

    private static void testConnection(ConfigProblems problems, SinkDialect dialect, String url, String user,
                                       String password) {
        Properties properties = new Properties();
        properties.putAll(dialect.defaultConnectionProperties());
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        try (Connection connection = JdbcConnection.open(url, properties)) {
            if (!connection.isValid(10)) {
                problems.add(JdbcSinkConnectorConfig.CONNECTION_URL_CONFIG, "the database at this URL does not "
                        + "answer");
            }
        } catch (SQLException e) {
            for (String key : JdbcConnectionSettings.keysToChange(e)) {
                problems.add(key, "cannot connect as user '" + user + "': " + e.getMessage());
            }
        }
    }

    /**
     * Keeps the offsets this connector stores in the target database (exactly-once mode) in step with what the
     * Connect offsets API sets ({@code PATCH} or {@code DELETE /connectors/{name}/offsets}, on a stopped connector):
     * a task resumes from the stored offsets, so without this it would ignore the change. Each partition's stored
     * offset becomes the given one, or is removed when reset (null), in one transaction; without exactly-once there is
     * nothing of ours to change.
     *
     * @throws ConnectException when the database cannot be reached or written: the offsets API then answers an
     *                          error and nothing is changed
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        JdbcSinkConnectorConfig config = new JdbcSinkConnectorConfig(connectorConfig);
        if (!config.exactlyOnce()) {
            return true;
        }
        SinkDialect dialect = Dialects.find(config.connectionUrl(), config.dialectName(),
                JdbcSinkConnectorConfig.DIALECT_NAME_CONFIG, SinkDialect.class);
        OffsetStore store = new OffsetStore(dialect, config.exactlyOnceOffsetsTable(),
                connectorConfig.getOrDefault("name", "jdbc-sink"));
        Map<TopicPartition, Long> altered = new HashMap<>();
        List<TopicPartition> reset = new ArrayList<>();
        offsets.forEach((partition, offset) -> {
            if (offset == null) {
                reset.add(partition);
            } else {
                altered.put(partition, offset);
            }
        });
        try (JdbcConnection connection = new JdbcConnection(config.connectionUrl(), config.connectionUser(),
                config.connectionPassword().value(), dialect, JdbcConnection::open)) {
            Connection jdbc = connection.get();
            store.store(jdbc, altered);
            store.forget(jdbc, reset);
            jdbc.commit();
        } catch (SQLException e) {
            throw new ConnectException("Cannot change the offsets stored in table '" + config.exactlyOnceOffsetsTable()
                    + "' (" + JdbcSinkConnectorConfig.EXACTLY_ONCE_ENABLED_CONFIG + "=true): " + e.getMessage()
                    + ". Nothing was changed; check that the database is reachable and connection.user may write "
                    + "that table.", e);
        }
        LOG.info("Stored offsets of connector {} altered: {} set, {} reset", connectorConfig.get("name"),
                altered, reset);
        return true;
    }
}
