package io.cqrsconnect.testing.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A private database on a shared server (the PostgreSQL and MariaDB that run on developer and CI machines): the
 * server's location comes from environment variables with this machine's defaults, and an unreachable server fails
 * the test with a message that says how to start it.
 */
abstract class ServerDatabase implements TestDatabase {

    private final String serverUrl;
    private final String user;
    private final String password;
    private String databaseName;

    ServerDatabase(String serverUrl, String user, String password) {
        this.serverUrl = stripTrailingSlash(serverUrl);
        this.user = user;
        this.password = password;
    }

    /** The database a fresh connection can always open, for CREATE/DROP DATABASE. */
    abstract String adminDatabase();

    /** How to start the server on this machine, for the error message. */
    abstract String startHint();

    abstract String createSql(String name);

    abstract String dropSql(String name);

    /** The server's base URL, without a database: {@code jdbc:postgresql://127.0.0.1:5432}. */
    public String serverUrl() {
        return serverUrl;
    }

    public String databaseName() {
        if (databaseName == null) {
            throw new IllegalStateException(kind() + " test database not created yet: register the extension "
                    + "with @RegisterExtension or call create() first");
        }
        return databaseName;
    }

    @Override
    public void create(String owner) {
        String name = DatabaseNames.unique(owner);
        runAsAdmin(createSql(name));
        databaseName = name;
    }

    @Override
    public String jdbcUrl() {
        return serverUrl + "/" + databaseName();
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public void close() {
        if (databaseName != null) {
            runAsAdmin(dropSql(databaseName));
            databaseName = null;
        }
    }

    private void runAsAdmin(String sql) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        Connection connection;
        try {
            connection = DriverManager.getConnection(serverUrl + "/" + adminDatabase(), props);
        } catch (SQLException e) {
            throw new IllegalStateException(kind() + " not reachable at " + serverUrl + " as user '" + user + "' ("
                    + e.getMessage() + ") — start it with: " + startHint()
                    + " (.ci/run does this), or point the tests at another server: " + variablesHint(), e);
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(kind() + " at " + serverUrl + " refused '" + sql + "': " + e.getMessage()
                    + " — the test user needs the right to create and drop databases", e);
        }
    }

    abstract String variablesHint();

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
