package io.cqrsconnect.testing.db;

/**
 * A private database on the MariaDB server of this machine (default {@code jdbc:mariadb://127.0.0.1:3306}, user
 * {@code root} with an empty password). Override with {@code CQRS_MARIADB_URL} (no database part),
 * {@code CQRS_MARIADB_USER} and {@code CQRS_MARIADB_PASSWORD}.
 */
public final class MariaDbDatabase extends ServerDatabase {

    /** The server named by the environment, or this machine's. */
    public MariaDbDatabase() {
        this(env("CQRS_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306"), env("CQRS_MARIADB_USER", "root"),
                env("CQRS_MARIADB_PASSWORD", ""));
    }

    /** A server at {@code serverUrl} (no database part), whatever the environment says. */
    public MariaDbDatabase(String serverUrl, String user, String password) {
        super(serverUrl, user, password);
    }

    @Override
    public String kind() {
        return "MariaDB";
    }

    @Override
    String adminDatabase() {
        return "";
    }

    @Override
    String startHint() {
        return "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd";
    }

    @Override
    String variablesHint() {
        return "CQRS_MARIADB_URL, CQRS_MARIADB_USER, CQRS_MARIADB_PASSWORD";
    }

    @Override
    String createSql(String name) {
        return "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    }

    @Override
    String dropSql(String name) {
        return "DROP DATABASE IF EXISTS " + name;
    }
}
