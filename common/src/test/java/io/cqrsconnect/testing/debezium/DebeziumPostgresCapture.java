package io.cqrsconnect.testing.debezium;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.db.EmbeddedPostgresServer;

/**
 * Debezium's own PostgreSQL connector as a real peer: it captures tables of an {@link EmbeddedPostgresServer}
 * (started with {@link EmbeddedPostgresServer#withLogicalReplication()}) into topics of a {@link ConnectCluster},
 * producing the events our sinks must accept: snapshot reads, creates, updates, deletes and their tombstones, as
 * JSON with schemas.
 *
 * <p>The connector runs from the test classpath, so a module using this fixture declares
 * {@code io.debezium:debezium-connector-postgres} as a test dependency. Topics are {@code <prefix>.<schema>.<table>}.
 */
public final class DebeziumPostgresCapture {

    /** The class Debezium's PostgreSQL connector is registered under. */
    public static final String CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";

    private DebeziumPostgresCapture() {
    }

    /**
     * The connector configuration that captures {@code tables} ("schema.table") of {@code server} into topics
     * named {@code <topicPrefix>.<schema>.<table>}, with one partition each.
     */
    public static Map<String, String> config(EmbeddedPostgresServer server, String topicPrefix, String... tables) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(server.port()));
        config.put("database.user", server.user());
        config.put("database.password", server.password());
        config.put("database.dbname", "postgres");
        config.put("topic.prefix", topicPrefix);
        config.put("plugin.name", "pgoutput");
        // One slot and publication per capture, so several captures on one server do not steal each other's changes.
        String suffix = topicPrefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        config.put("slot.name", "cqrs_" + suffix);
        config.put("publication.name", "cqrs_" + suffix);
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", Arrays.stream(tables).collect(Collectors.joining(",")));
        config.put("snapshot.mode", "initial");
        config.put("decimal.handling.mode", "precise");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "true");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        // The embedded broker does not auto-create topics; Connect creates them for the source.
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    /** Starts the capture as connector {@code name} and waits until its task runs. */
    public static void start(ConnectCluster cluster, String name, EmbeddedPostgresServer server, String topicPrefix,
                             String... tables) {
        cluster.connect().configureConnector(name, config(server, topicPrefix, tables));
        try {
            cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1,
                    "Debezium's PostgreSQL connector did not start; see the worker log above");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Debezium's connector", e);
        }
    }
}
