package io.cqrsconnect.jdbc.source.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.cqrsconnect.jdbc.common.JdbcDrivers;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;

/**
 * Opens the source's connections through the plugin's drivers ({@link JdbcDrivers}): the user's credentials over
 * the dialect's default properties, the dialect's session statements run, auto-commit on, so every statement (a
 * commit horizon, then the read it bounds) sees what has committed by the time it starts.
 */
public final class SourceConnections {

    private SourceConnections() {
    }

    public static Connection open(JdbcSourceConnectorConfig config, SourceDialect dialect) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(dialect.defaultConnectionProperties());
        if (!config.connectionUser().isEmpty()) {
            properties.setProperty("user", config.connectionUser());
        }
        String password = config.connectionPassword().value();
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        Connection connection = JdbcDrivers.connect(config.connectionUrl(), properties);
        try {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                for (String sql : dialect.sourceSessionStatements()) {
                    statement.execute(sql);
                }
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }
}
