package io.cqrsconnect.jdbc.sink.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import io.cqrsconnect.jdbc.common.JdbcDialect;
import io.cqrsconnect.jdbc.common.JdbcDrivers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's one connection to the target database, opened lazily, kept across batches, and replaced after a
 * transient failure. Auto-commit is off: every flush is one transaction.
 *
 * <p>Drivers are looked up with this plugin's own class loader first ({@link JdbcDrivers}).
 */
public final class JdbcConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConnection.class);

    /** Opens a connection to the target database ({@link JdbcConnection#open} in production). */
    @FunctionalInterface
    public interface Opener {
        Connection open(String url, Properties properties) throws SQLException;
    }

    private final String url;
    private final Properties properties;
    private final Opener opener;
    private final List<String> sessionStatements;
    private Connection connection;

    /** With {@code opener}: tests put a thin wrapper around the real connection, to see a path no driver takes. */
    public JdbcConnection(String url, String user, String password, JdbcDialect dialect, Opener opener) {
        this.url = url;
        this.opener = opener;
        this.sessionStatements = dialect.sessionStatements();
        this.properties = new Properties();
        properties.putAll(dialect.defaultConnectionProperties());
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
    }

    /** The open connection, opening one when there is none. */
    public Connection get() throws SQLException {
        if (connection == null) {
            Connection opened = opener.open(url, properties);
            try (Statement statement = opened.createStatement()) {
                for (String sql : sessionStatements) {
                    statement.execute(sql);
                }
                opened.setAutoCommit(false);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    /** Drops the connection after a failure; the next {@link #get()} opens a fresh one. */
    public void reset() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a failed connection failed too", e);
            }
            connection = null;
        }
    }

    /** Rolls the current transaction back, ignoring a failure (the connection is reset then). */
    public void rollbackQuietly() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed; dropping the connection", e);
            reset();
        }
    }

    @Override
    public void close() {
        reset();
    }

    /** Opens a connection through a driver visible to this plugin ({@link JdbcDrivers}). */
    public static Connection open(String url, Properties properties) throws SQLException {
        return JdbcDrivers.connect(url, properties);
    }
}
