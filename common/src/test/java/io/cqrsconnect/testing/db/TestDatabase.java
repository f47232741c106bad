package io.cqrsconnect.testing.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database that one test class owns for its whole life: created before the class's first test, dropped after its
 * last, so test classes never see each other's tables.
 *
 * <p>Register it as a JUnit 5 extension ({@code @RegisterExtension static final PostgresDatabase DB = ...}) or drive
 * it by hand with {@link #create(String)} and {@link #close()}. Tests that must run once per database type take a
 * {@code TestDatabase} and never look at which one it is; {@link #kind()} exists for messages and dialect checks.
 */
public interface TestDatabase extends BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** A human name of the database product, for messages: "PostgreSQL", "MariaDB", ... */
    String kind();

    /** Creates this test's private database; {@code owner} becomes part of its name to make leftovers traceable. */
    void create(String owner);

    /** The JDBC URL of the private database, as a connector's {@code connection.url} would hold it. */
    String jdbcUrl();

    /** The user a connector would connect as; never null. */
    String user();

    /** The password a connector would use; empty when the server trusts the user. */
    String password();

    /** Drops the private database and frees what {@link #create(String)} took. */
    @Override
    void close();

    /** A new connection to the private database; the caller closes it. */
    default Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user());
        props.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** Runs statements in the private database, one after another, for test setup. */
    default void execute(String... sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(kind() + " rejected test setup SQL: " + e.getMessage(), e);
        }
    }

    @Override
    default void beforeAll(ExtensionContext context) {
        create(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    default void afterAll(ExtensionContext context) {
        close();
    }
}
