package io.cqrsconnect.testing.db;

/**
 * A private database on the PostgreSQL server of this machine (default {@code jdbc:postgresql://127.0.0.1:5432}, user
 * {@code postgres}, trust auth). Override with {@code CQRS_POSTGRES_URL} (no database part),
 * {@code CQRS_POSTGRES_USER} and {@code CQRS_POSTGRES_PASSWORD}.
 */
public final class PostgresDatabase extends ServerDatabase {

    /** The server named by the environment, or this machine's. */
    public PostgresDatabase() {
        this(env("CQRS_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432"), env("CQRS_POSTGRES_USER", "postgres"),
                env("CQRS_POSTGRES_PASSWORD", ""));
    }

    /** A server at {@code serverUrl} (no database part), whatever the environment says. */
    public PostgresDatabase(String serverUrl, String user, String password) {
        super(serverUrl, user, password);
    }

    @Override
    public String kind() {
        return "PostgreSQL";
    }

    @Override
    String adminDatabase() {
        return "postgres";
    }

    @Override
    String startHint() {
        return "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
    }

    @Override
    String variablesHint() {
        return "CQRS_POSTGRES_URL, CQRS_POSTGRES_USER, CQRS_POSTGRES_PASSWORD";
    }

    @Override
    String createSql(String name) {
        return "CREATE DATABASE " + name;
    }

    @Override
    String dropSql(String name) {
        // FORCE ends connections a connector task may still hold when the test class ends.
        return "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
    }
}
