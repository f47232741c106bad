package io.cqrsconnect.jdbc.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.cqrsconnect.common.jdbc.Dialects;
import io.cqrsconnect.common.jdbc.SinkDialect;
import io.cqrsconnect.common.plugin.PluginVersion;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Materializes topics into tables of PostgreSQL, MySQL/MariaDB, SQLite, H2 or any JDBC database: insert, upsert or
 * update rows by key, delete on tombstones and Debezium deletes, with an optional version guard. See
 * {@link JdbcSinkConnectorConfig} for the settings; {@link #validate} reports connectivity and cross-field problems
 * on the keys to change.
 */
public class JdbcSinkConnector extends SinkConnector {

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
     * The per-key checks of the definition, then cross-field problems, the dialect and what it cannot do, and a test
     * connection.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (result.configValues().stream().anyMatch(value -> !value.errorMessages().isEmpty())) {
            return result;
        }
        JdbcSinkConnectorConfig config;
        try {
            config = new JdbcSinkConnectorConfig(connectorConfigs);
        } catch (ConfigException e) {
            addError(result, keyOf(e), e.getMessage());
            return result;
        }
        config.crossFieldProblems().addTo(result);
        SinkDialect dialect;
        try {
            dialect = Dialects.find(config.connectionUrl(), config.dialectName(),
                    JdbcSinkConnectorConfig.DIALECT_NAME_CONFIG, SinkDialect.class);
        } catch (ConfigException e) {
            addError(result, config.dialectName().isBlank() ? JdbcSinkConnectorConfig.CONNECTION_URL_CONFIG
                    : JdbcSinkConnectorConfig.DIALECT_NAME_CONFIG, e.getMessage());
            return result;
        }
        config.dialectProblems(dialect).addTo(result);
        Properties properties = new Properties();
        properties.putAll(dialect.defaultConnectionProperties());
        if (!config.connectionUser().isEmpty()) {
            properties.setProperty("user", config.connectionUser());
        }
        if (!config.connectionPassword().value().isEmpty()) {
            properties.setProperty("password", config.connectionPassword().value());
        }
        try (Connection connection = JdbcConnection.open(config.connectionUrl(), properties)) {
            if (!connection.isValid(10)) {
                addError(result, JdbcSinkConnectorConfig.CONNECTION_URL_CONFIG, "the database at this URL does not "
                        + "answer");
            }
        } catch (SQLException e) {
            addError(result, JdbcSinkConnectorConfig.CONNECTION_URL_CONFIG, "cannot connect as user '"
                    + config.connectionUser() + "': " + e.getMessage() + " (check connection.url, connection.user "
                    + "and connection.password)");
        }
        return result;
    }

    private static String keyOf(ConfigException e) {
        for (String key : JdbcSinkConnectorConfig.CONFIG_DEF.names()) {
            if (e.getMessage() != null && e.getMessage().contains(" " + key + ":")
                    || e.getMessage() != null && e.getMessage().contains("configuration " + key)) {
                return key;
            }
        }
        return JdbcSinkConnectorConfig.CONNECTION_URL_CONFIG;
    }

    private static void addError(Config result, String key, String message) {
        for (ConfigValue value : result.configValues()) {
            if (value.name().equals(key)) {
                value.addErrorMessage(message);
                return;
            }
        }
        ConfigValue value = new ConfigValue(key);
        value.addErrorMessage(message);
        result.configValues().add(value);
    }
}
