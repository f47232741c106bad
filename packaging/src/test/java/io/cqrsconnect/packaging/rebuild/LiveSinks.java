package io.cqrsconnect.packaging.rebuild;

import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.testing.db.TestDatabase;

/**
 * The live connectors the rebuild tests start: each writes generation 1 of the model {@link ClockChanges} makes,
 * leaving out the {@code note} field, which the rebuild ({@link #ADD_THE_NOTE}) adds. Records come in the worker's
 * default converters (JSON with schemas).
 */
final class LiveSinks {

    /** The body of {@code POST /read-models/{connector}/rebuild} that adds the field, as a user's curl sends it. */
    static final String ADD_THE_NOTE = "{\"config\": {\"field.include.list\": \"id,clock,note\"}}";

    private LiveSinks() {
    }

    /** A JDBC sink writing {@code table} through its view of that name. */
    static Map<String, String> jdbc(TestDatabase database, String topic, String table) {
        Map<String, String> config = withoutTheNote(topic);
        config.put("connector.class", "io.cqrsconnect.jdbc.sink.JdbcSinkConnector");
        config.put("connection.url", database.jdbcUrl());
        config.put("connection.user", database.user());
        config.put("connection.password", database.password());
        config.put("table.name.format", table);
        return config;
    }

    /** An Elasticsearch sink writing the index named after the topic, through its alias of that name. */
    static Map<String, String> elasticsearch(String nodeUrl, String topic) {
        Map<String, String> config = withoutTheNote(topic);
        config.put("connector.class", "io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector");
        config.put("connection.url", nodeUrl);
        config.put("batch.flush.interval.ms", "100");
        return config;
    }

    private static Map<String, String> withoutTheNote(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("tasks.max", "2");
        config.put("topics", topic);
        config.put("read.model.generation", "1");
        config.put("field.include.list", "id,clock");
        return config;
    }
}
