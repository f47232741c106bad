package io.cqrsconnect.testing.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private SQLite database in a file of its own, so a connector's connection and the test's see the same data
 * (an in-memory SQLite database is private to one connection).
 */
public final class SqliteDatabase implements TestDatabase {

    private Path directory;

    @Override
    public String kind() {
        return "SQLite";
    }

    @Override
    public void create(String owner) {
        try {
            directory = Files.createTempDirectory(DatabaseNames.unique(owner));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a SQLite test database", e);
        }
    }

    @Override
    public String jdbcUrl() {
        if (directory == null) {
            throw new IllegalStateException("SQLite test database not created yet: call create() first");
        }
        return "jdbc:sqlite:" + directory.resolve("test.db");
    }

    @Override
    public String user() {
        return "";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public void close() {
        if (directory == null) {
            return;
        }
        try (var files = Files.walk(directory)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete SQLite test database " + directory, e);
        }
        directory = null;
    }
}
