package io.cqrsconnect.packaging.quickstart;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cqrsconnect.testing.db.EmbeddedPostgresServer;

/** The quickstart's connector configurations, as a user would PUT them to the Connect REST API. */
final class QuickstartConnectors {

    private QuickstartConnectors() {
    }

    /**
     * Captures the legacy orders table into {@value Quickstart#ORDERS_TOPIC} with our JDBC source in changelog mode:
     * it installs a changelog table and triggers (no replication privileges needed) and emits Debezium-style change
     * events, deletes included, which both sinks read.
     */
    static Map<String, String> capture(EmbeddedPostgresServer legacy) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.cqrsconnect.jdbc.source.JdbcSourceConnector");
        config.put("tasks.max", "1");
        config.put("connection.url", legacy.jdbcUrl());
        config.put("connection.user", legacy.user());
        config.put("connection.password", legacy.password());
        config.put("mode", "changelog");
        config.put("output.format", "envelope");
        config.put("table.include.list", "orders");
        config.put("topic.prefix", "legacy.public.");
        config.put("poll.interval.ms", "200");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        return config;
    }

    /** orders_summary: the order's id, customer, status and total, kept current, deletes included. */
    static Map<String, String> relationalReadModel(String url, String user, String password) {
        Map<String, String> config = sinkBase("io.cqrsconnect.jdbc.sink.JdbcSinkConnector");
        config.put("connection.url", url);
        config.put("connection.user", user);
        config.put("connection.password", password);
        config.put("table.name.format", "orders_summary");
        config.put("insert.mode", "upsert");
        config.put("pk.mode", "record_key");
        config.put("delete.enabled", "true");
        config.put("field.include.list", "id,customer_id,status,total");
        return config;
    }

    /** The orders index: one document per order, kept current, deletes included. */
    static Map<String, String> searchReadModel(String elasticsearchUrl) {
        Map<String, String> config = sinkBase("io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector");
        config.put("connection.url", elasticsearchUrl);
        config.put("index.name.format", "orders");
        config.put("insert.mode", "index");
        config.put("delete.enabled", "true");
        return config;
    }

    private static Map<String, String> sinkBase(String connectorClass) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", connectorClass);
        config.put("tasks.max", "1");
        config.put("topics", Quickstart.ORDERS_TOPIC);
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("consumer.override.auto.offset.reset", "earliest");
        // generation 1 under the logical name (a view, an alias), so that a rebuild can build generation 2 beside it
        config.put("read.model.generation", "1");
        return config;
    }
}
