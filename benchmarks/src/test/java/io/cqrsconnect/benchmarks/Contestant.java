package io.cqrsconnect.benchmarks;

import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.testing.db.TestDatabase;

/**
 * A sink connector in the race and how it is configured for a workload. Every contestant gets the same batch size
 * (5,000 records per poll and per statement, what the issue measured Debezium with), the same table, and the same
 * topic; each option is what that connector's users would set for the job.
 */
record Contestant(String label, String connectorClass, Configurer configurer) {

    /** Fills in the contestant's own settings. */
    @FunctionalInterface
    interface Configurer {
        void configure(Map<String, String> config, TestDatabase database, String table, Workload workload);
    }

    static final Contestant CQRS_CONNECT = new Contestant("cqrs-connect JDBC sink",
            "io.cqrsconnect.jdbc.sink.JdbcSinkConnector", (config, db, table, workload) -> {
                config.put("connection.url", db.jdbcUrl());
                config.put("connection.user", db.user());
                config.put("connection.password", db.password());
                config.put("insert.mode", workload == Workload.INSERT ? "insert" : "upsert");
                config.put("pk.mode", "record_key");
                config.put("delete.enabled", "true");
                config.put("table.name.format", table);
                config.put("batch.size", "5000");
            });

    static final Contestant DEBEZIUM = new Contestant("Debezium JDBC sink (defaults)",
            "io.debezium.connector.jdbc.JdbcSinkConnector", Contestant::debezium);

    static final Contestant DEBEZIUM_UNNEST = new Contestant("Debezium JDBC sink (unnest)",
            "io.debezium.connector.jdbc.JdbcSinkConnector", (config, db, table, workload) -> {
                debezium(config, db, table, workload);
                config.put("dialect.postgres.unnest.insert.enabled", "true");
            });

    private static void debezium(Map<String, String> config, TestDatabase db, String table, Workload workload) {
        config.put("connection.url", db.jdbcUrl());
        config.put("connection.username", db.user());
        config.put("connection.password", db.password());
        config.put("insert.mode", workload == Workload.INSERT ? "insert" : "upsert");
        config.put("primary.key.mode", "record_key");
        config.put("delete.enabled", "true");
        config.put("schema.evolution", "none");
        config.put("table.name.format", table);
        config.put("batch.size", "5000");
    }

    /** The full connector configuration for one run. */
    Map<String, String> config(TestDatabase database, String table, Workload workload, int tasks) {
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
        configurer.configure(config, database, table, workload);
        return config;
    }
}
