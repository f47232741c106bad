package io.cqrsconnect.elasticsearch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;

import co.elastic.clients.transport.rest_client.RestClientTransport;

/**
 * What the sink's cluster tests share: the sink's base configuration against the node a test class registers,
 * connectors started in the class's Connect cluster and deleted after each test, validate() errors by setting, and
 * plain REST calls to the node. Each test class registers its own node and cluster (their settings differ) and
 * names them through {@link #node()} and {@link #cluster()}.
 */
abstract class ElasticsearchSinkClusterSupport {

    /** How long a test waits for the sink to get something into the node. */
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Connectors created by {@link #startConnector} or {@link #configure} and not deleted yet. */
    private final List<String> connectors = new ArrayList<>();

    /** The node the connectors write to. */
    abstract ElasticsearchNode node();

    /** The class's Connect cluster. */
    abstract ConnectCluster cluster();

    @AfterEach
    void deleteConnectors() {
        connectors.forEach(cluster().connect()::deleteConnector);
        connectors.clear();
    }

    /** JSON keys and values, with or without schemas, to {@link #node()}, flushed every 100 ms; no name. */
    Map<String, String> sinkConfig(String topic, boolean schemas) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ElasticsearchSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", node().httpUrl());
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", Boolean.toString(schemas));
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", Boolean.toString(schemas));
        config.put("batch.flush.interval.ms", "100");
        return config;
    }

    /**
     * String keys and schemaless JSON values (the secured-cluster tests' records) to {@link #node()}, flushed every
     * 100 ms, named {@code <topic>-sink}; credentials are the caller's.
     */
    Map<String, String> stringKeyConfig(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("name", topic + "-sink");
        config.put("connector.class", ElasticsearchSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", node().httpUrl());
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("batch.flush.interval.ms", "100");
        return config;
    }

    /** Creates the connector, returns once it and its one task run; it is deleted after the test. */
    String startConnector(String name, Map<String, String> config) throws InterruptedException {
        configure(name, config);
        cluster().connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1,
                "the Elasticsearch sink did not start");
        return name;
    }

    /** Creates the connector without waiting for it; it is deleted after the test. */
    void configure(String name, Map<String, String> config) {
        cluster().connect().configureConnector(name, config);
        connectors.add(name);
    }

    /** Deletes a connector {@link #startConnector} created before the test ends. */
    void delete(String name) {
        cluster().connect().deleteConnector(name);
        connectors.remove(name);
    }

    ConfigInfos validate(Map<String, String> config) {
        return cluster().connect().validateConnectorConfig(ElasticsearchSinkConnector.class.getSimpleName(), config);
    }

    /** The errors of a validation, by setting. */
    static Map<String, List<String>> errors(ConfigInfos infos) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigInfo info : infos.configs()) {
            if (!info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        }
        return errors;
    }

    /** The node's low-level client, for requests the typed client does not make. */
    RestClient restClient() {
        return ((RestClientTransport) node().client()._transport()).restClient();
    }

    /** A request to the node ({@code path} may carry a query), its JSON answer. */
    JsonNode rest(String method, String path, String json) throws Exception {
        String[] pathAndQuery = path.split("\\?", 2);
        Request request = new Request(method, pathAndQuery[0]);
        if (pathAndQuery.length == 2) {
            for (String parameter : pathAndQuery[1].split("&")) {
                String[] pair = parameter.split("=", 2);
                request.addParameter(pair[0], pair[1]);
            }
        }
        if (json != null) {
            request.setJsonEntity(json);
        }
        return JSON.readTree(restClient().performRequest(request).getEntity().getContent());
    }
}
