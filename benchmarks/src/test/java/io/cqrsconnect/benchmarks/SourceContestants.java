package io.cqrsconnect.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.testing.db.EmbeddedPostgresServer;

/**
 * The source race's connector configurations, in one place: what every contestant shares (one task, one partition,
 * Connect JSON with schemas, the same producer settings as the raw ceiling) and each one's own settings. Change a
 * setting here and every run of the race uses it.
 *
 * <p>Our snapshot is {@link #SNAPSHOT_CAPTURE} with {@code snapshot.mode=initial}: where the connector has that
 * setting, keyset chunks of {@code batch.max.rows} rows by the primary key, then the mode's changes; a connector
 * without it ignores the key and reads the table from an empty offset in {@code timestamp_incrementing} mode, keyset
 * pages ordered by (updated_at, id). The steady changelog run sets {@code snapshot.mode=never}: it measures changes
 * only.
 */
final class SourceContestants {

    static final String OURS = "io.cqrsconnect.jdbc.source.JdbcSourceConnector";
    static final String DEBEZIUM = "io.debezium.connector.postgresql.PostgresConnector";

    /**
     * Producer settings of every contestant and of the raw ceiling (Connect's own defaults besides: acks=all, one
     * request in flight). Larger batches than Kafka's 16 KB default, a short linger and lz4, as a user tuning a bulk
     * load would set them; {@code -Dbenchmark.source.producer=key=value;...} replaces them for a look at what bounds
     * a run.
     */
    static final Map<String, Object> PRODUCER = producerSettings();

    /**
     * Our batch.max.rows, one snapshot each (a small 1,000 and the connector's default 10,000); the last one
     * also streams the steady changes. {@code -Dbenchmark.source.batch.max.rows=N,M} replaces the list.
     */
    static final List<Integer> BATCH_MAX_ROWS = batchSizes();

    /** Debezium's max.batch.size: what our larger batch.max.rows is to ours. */
    static final int DEBEZIUM_BATCH = 10_000;

    /** Our capture modes the race measures. */
    enum Mode {
        TIMESTAMP_INCREMENTING("timestamp_incrementing"),
        CHANGELOG("changelog");

        final String value;

        Mode(String value) {
            this.value = value;
        }
    }

    private SourceContestants() {
    }

    /**
     * The capture mode of our snapshot, which then streams the steady changes of the timestamp run: change this one
     * line to snapshot in {@link Mode#CHANGELOG} mode.
     */
    static final Mode SNAPSHOT_CAPTURE = Mode.TIMESTAMP_INCREMENTING;

    /** Our connector reading {@code table} from an empty offset: the snapshot. */
    static Map<String, String> cqrsSnapshot(EmbeddedPostgresServer server, String table, String topicPrefix,
                                            String zone, int batchMaxRows) {
        Map<String, String> config = cqrs(server, table, topicPrefix, zone, SNAPSHOT_CAPTURE, batchMaxRows);
        config.put("snapshot.mode", "initial");
        return config;
    }

    /** Our connector capturing only the changes of {@code table} from now on, in changelog mode. */
    static Map<String, String> cqrsChangelog(EmbeddedPostgresServer server, String table, String topicPrefix,
                                             String zone, int batchMaxRows) {
        Map<String, String> config = cqrs(server, table, topicPrefix, zone, Mode.CHANGELOG, batchMaxRows);
        config.put("snapshot.mode", "never");
        return config;
    }

    /** Our connector capturing {@code table} in {@code mode} into {@code <topicPrefix><table>}. */
    private static Map<String, String> cqrs(EmbeddedPostgresServer server, String table, String topicPrefix,
                                            String zone, Mode mode, int batchMaxRows) {
        Map<String, String> config = shared(OURS);
        config.put("connection.url", server.jdbcUrl());
        config.put("connection.user", server.user());
        config.put("connection.password", server.password());
        config.put("table.include.list", table);
        config.put("topic.prefix", topicPrefix);
        config.put("db.timezone", zone);
        config.put("mode", mode.value);
        if (mode == Mode.TIMESTAMP_INCREMENTING) {
            config.put("incrementing.column.name", "id");
            config.put("timestamp.column.name", "updated_at");
        }
        config.put("batch.max.rows", Integer.toString(batchMaxRows));
        // a streaming table without new rows is read again after this; 5 s by default
        config.put("poll.interval.ms", "100");
        return config;
    }

    /**
     * Debezium's PostgreSQL connector snapshotting {@code table} (snapshot.mode=initial, pgoutput) into
     * {@code <topicPrefix>.public.<table>}; slot and publication are named after the prefix so the run can drop
     * them.
     */
    static Map<String, String> debezium(EmbeddedPostgresServer server, String table, String topicPrefix) {
        Map<String, String> config = shared(DEBEZIUM);
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(server.port()));
        config.put("database.user", server.user());
        config.put("database.password", server.password());
        config.put("database.dbname", "postgres");
        config.put("topic.prefix", topicPrefix);
        config.put("plugin.name", "pgoutput");
        config.put("slot.name", slotName(topicPrefix));
        config.put("publication.name", slotName(topicPrefix));
        config.put("publication.autocreate.mode", "filtered");
        config.put("table.include.list", "public." + table);
        config.put("snapshot.mode", "initial");
        config.put("decimal.handling.mode", "precise");
        // its defaults (2,048-record batches, a queue of 8,192) cap a snapshot below what the producer takes;
        // a user loading a big table raises them as we raise batch.max.rows
        config.put("max.batch.size", Integer.toString(DEBEZIUM_BATCH));
        config.put("max.queue.size", Integer.toString(DEBEZIUM_BATCH * 4));
        config.put("snapshot.fetch.size", Integer.toString(RawSourceCeiling.FETCH_SIZE));
        return config;
    }

    static String slotName(String topicPrefix) {
        return "bench_" + topicPrefix.replaceAll("[^a-z0-9_]", "_");
    }

    private static Map<String, String> shared(String connectorClass) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", connectorClass);
        config.put("tasks.max", "1");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "true");
        config.put("value.converter.schemas.enable", "true");
        config.put("value.converter.decimal.format", "NUMERIC");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        PRODUCER.forEach((key, value) -> config.put("producer.override." + key, value.toString()));
        return config;
    }

    private static List<Integer> batchSizes() {
        String sizes = System.getProperty("cqrs.benchmark.source.batch.max.rows", "").strip();
        return sizes.isEmpty() ? List.of(1_000, 10_000)
                : Arrays.stream(sizes.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }

    private static Map<String, Object> producerSettings() {
        Map<String, Object> settings = new HashMap<>();
        String override = System.getProperty("cqrs.benchmark.source.producer", "").strip();
        if (override.isEmpty()) {
            settings.put("batch.size", "262144");
            settings.put("linger.ms", "10");
            settings.put("compression.type", "lz4");
            return settings;
        }
        for (String pair : override.split(";")) {
            if (pair.contains("=")) {
                settings.put(pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return settings;
    }
}
