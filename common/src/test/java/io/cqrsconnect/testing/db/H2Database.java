package io.cqrsconnect.testing.db;

/**
 * A private in-memory H2 database, shared by every connection in this JVM (an embedded Connect worker included)
 * until {@link #close()} shuts it down.
 */
public final class H2Database implements TestDatabase {

    private String name;

    @Override
    public String kind() {
        return "H2";
    }

    @Override
    public void create(String owner) {
        name = DatabaseNames.unique(owner);
        execute("SELECT 1");
    }

    @Override
    public String jdbcUrl() {
        if (name == null) {
            throw new IllegalStateException("H2 test database not created yet: call create() first");
        }
        // DB_CLOSE_DELAY=-1 keeps the database while no connection is open, until SHUTDOWN.
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    public String user() {
        return "sa";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public void close() {
        if (name != null) {
            execute("SHUTDOWN");
            name = null;
        }
    }
}
