package io.cqrsconnect.benchmarks;

import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.testing.db.TestDatabase;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;

/**
 * A sink connector in a race and how it is configured for a workload. Every contestant gets the same batch size
 * (5,000 records per poll and per request, what the issues measured the peers with), the same target, and the same
 * topic; each option is what that connector's users would set for the job.
 */
record Contestant(String label, String connectorClass, Configurer configurer) {

    /** Fills in the contestant's own settings for writing {@code workload} into {@code target}. */
    @FunctionalInterface
    interface Configurer {
        void configure(Map<String, String> config, String target, Workload workload);
    }

    static Contestant cqrsJdbcSink(TestDatabase db) {
        return new Contestant("cqrs-connect JDBC sink", "io.cqrsconnect.jdbc.sink.JdbcSinkConnector",
                (config, table, workload) -> {
                    config.put("connection.url", db.jdbcUrl());
                    config.put("connection.user", db.user());
                    config.put("connection.password", db.password());
                    config.put("insert.mode", workload == Workload.INSERT ? "insert" : "upsert");
                    config.put("pk.mode", "record_key");
                    config.put("delete.enabled", "true");
                    config.put("table.name.format", table);
                    config.put("batch.size", "5000");
                });
    }

    static Contestant debeziumJdbcSink(TestDatabase db, boolean unnest) {
        String label = unnest ? "Debezium JDBC sink (unnest)" : "Debezium JDBC sink (defaults)";
        return new Contestant(label, "io.debezium.connector.jdbc.JdbcSinkConnector", (config, table, workload) -> {
            config.put("connection.url", db.jdbcUrl());
            config.put("connection.user", db.user());
            config.put("connection.password", db.password());
            config.put("insert.mode", workload == Workload.INSERT ? "insert" : "upsert");
            config.put("primary.key.mode", "record_key");
            config.put("delete.enabled", "true");
            config.put("schema.evolution", "none");
            config.put("table.name.format", table);
            config.put("batch.size", "5000");
            if (unnest) {
                config.put("dialect.postgres.unnest.insert.enabled", "true");
            }
        });
    }

    /**
     * Our Elasticsearch sink; {@code versioned} is its default (external versions from the Kafka offset), without it
     * the sink writes like the raw ceiling does, which shows what the guarantee costs.
     */
    static Contestant cqrsElasticsearchSink(ElasticsearchNode node, boolean versioned) {
        String label = versioned ? "cqrs-connect Elasticsearch sink"
                : "cqrs-connect Elasticsearch sink (version.mode=none)";
        return new Contestant(label, "io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector",
                (config, index, workload) -> {
                    config.put("connection.url", node.httpUrl());
                    config.put("index.name.format", index);
                    config.put("insert.mode", workload == Workload.UPSERT_EXISTING ? "upsert" : "index");
                    config.put("delete.enabled", "true");
                    config.put("batch.size", "5000");
                    if (!versioned) {
                        config.put("version.mode", "none");
                    }
                    for (String pair : System.getProperty("cqrs.benchmark.es.extra", "").split(";")) {
                        if (pair.contains("=")) {
                            config.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                        }
                    }
                });
    }

    /** The full connector configuration for one run. */
    Map<String, String> config(String target, Workload workload, int tasks) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", connectorClass);
        config.put("tasks.max", Integer.toString(tasks));
        config.put("topics", workload.topic());
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "true");
        config.put("value.converter.schemas.enable", "true");
        config.put("value.converter.decimal.format", "NUMERIC");
        config.put("consumer.override.max.poll.records", "5000");
        config.put("consumer.override.auto.offset.reset", "earliest");
        configurer.configure(config, target, workload);
        return config;
    }
}
