package io.cqrsconnect.elasticsearch.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector;
import io.cqrsconnect.rebuild.RebuildState;
import io.cqrsconnect.rebuild.RebuildStatus;
import io.cqrsconnect.rebuild.testing.RebuildRequests;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.rebuild.LiveModelLoad;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An Elasticsearch read model rebuilt while it serves ({@link LiveModelLoad}): a producer keeps changing it and a
 * reader asks its alias every few milliseconds for a clock document (a real-time GET) and the document count. The
 * reader never finds the alias missing, a document short or the clock older than it was, sees the generation change
 * exactly once, and sees the field the rebuild adds only after the switch; the new index was built without refreshes
 * or replicas and serves with the old one's settings; afterwards the model equals the full history.
 */
class ElasticsearchRebuildIT {

    @RegisterExtension
    static final ElasticsearchNode ES = ElasticsearchNode.shared();

    /**
     * The worker commits sink offsets only every ten minutes, longer than any wait here (production's default is
     * 60 s): the coordinator follows the builder by its committed offsets, so the rebuild finishes only because the
     * builder asks for its commits (offset.commit.interval.ms), and the handoff pause does not wait for the worker.
     */
    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster().withWorkerProperty("offset.flush.interval.ms", "600000");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long KEYS = 100;
    private static final int ROUNDS = 300;

    /** A new field for the model, and this rebuild's own replay settings (which the live connector never gets). */
    private static final String REBUILD_BODY = """
            {"field.include.list": "id,clock,note", "read.model.replay.index.settings": \
            "{\\"index.refresh_interval\\": \\"-1\\", \\"index.number_of_replicas\\": \\"0\\", \
            \\"index.translog.durability\\": \\"async\\"}"}""";

    @Test
    void aRebuildWithANewFieldSwitchesTheAliasOnceWhileReadersNeverSeeAnOlderOrPartialModel() throws Exception {
        String topic = "orders";
        CLUSTER.kafka().createTopic(topic, 2);
        String live = "orders-search";
        RestClient client = ((RestClientTransport) ES.client()._transport()).restClient();
        try (LiveModelLoad load = new LiveModelLoad(CLUSTER.kafka().bootstrapServers(), topic, KEYS)) {
            load.writeHistory(ROUNDS);
            CLUSTER.connect().configureConnector(live, sinkConfig(topic));
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .until(() -> clocks(client, "orders").equals(load.expected()));

            load.start(() -> read(client));
            rebuilds().start(live, REBUILD_BODY, false);
            await().atMost(Duration.ofSeconds(60)).until(() -> exists(client, "orders__g2"));
            JsonNode building = settings(client, "orders__g2");
            assertThat(building.path("index.refresh_interval").asText()).as("replayed without refreshes")
                    .isEqualTo("-1");
            assertThat(building.path("index.number_of_replicas").asText()).as("and without replicas").isEqualTo("0");
            assertThat(building.path("index.translog.durability").asText()).as("and as the request said")
                    .isEqualTo("async");

            RebuildStatus done = rebuilds().awaitEnd(live, Duration.ofSeconds(180));
            assertThat(load.violations()).as("what readers saw during the rebuild").isEmpty();
            assertThat(done.state()).as("%s", done).isEqualTo(RebuildState.DONE);
            assertThat(done.handoffPauseMs()).isPositive();

            long switchedAt = load.changes();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.changes() > switchedAt + 100);
            load.stop();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(clocks(client, "orders"))
                    .isEqualTo(load.expected()));
            assertThat(load.violations()).isEmpty();
            assertThat(load.generationsSeen()).as("exactly one switch").containsExactly("orders__g1", "orders__g2");
            assertThat(load.noteSeenBefore("orders__g2")).as("the new field only with generation 2").isFalse();
        }
        JsonNode serving = settings(client, "orders__g2");
        JsonNode old = settings(client, "orders__g1");
        assertThat(serving.path("index.number_of_replicas").asText())
                .isEqualTo(old.path("index.number_of_replicas").asText());
        assertThat(serving.path("index.refresh_interval").isMissingNode()).as("refreshes back to the default")
                .isTrue();
        assertThat(serving.path("index.translog.durability").isMissingNode()).as("durability back to the default")
                .isTrue();
        assertThat(CLUSTER.connect().connectorInfo(live).config()).as("the request's replay settings were its own")
                .containsEntry("read.model.generation", "2").containsEntry("field.include.list", "id,clock,note")
                .doesNotContainKey("read.model.replay.index.settings");
    }

    /**
     * An index written without generations, rebuilt in place with a new field: the index is deleted (a document no
     * record wrote goes with it) and created again by the connector, which replays the whole history into it from
     * the earliest offsets and runs on with the new config.
     */
    @Test
    void aRebuildInPlaceRecreatesTheIndexAndReplaysTheHistoryWithTheNewConfig() throws Exception {
        String topic = "orders-in-place";
        CLUSTER.kafka().createTopic(topic, 2);
        RestClient client = ((RestClientTransport) ES.client()._transport()).restClient();
        try (LiveModelLoad load = new LiveModelLoad(CLUSTER.kafka().bootstrapServers(), topic, KEYS)) {
            load.writeHistory(20);
            Map<String, String> config = sinkConfig(topic);
            config.put("read.model.generation", "0");
            CLUSTER.connect().configureConnector(topic, config);
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .until(() -> clocks(client, topic).equals(load.expected()));
            Request stray = new Request("PUT", "/" + topic + "/_doc/-1");
            stray.setJsonEntity("{\"id\": -1, \"clock\": -1}");
            client.performRequest(stray);

            RebuildStatus done = rebuilds().rebuild(topic, "{\"field.include.list\": \"id,clock,note\"}", true,
                    Duration.ofSeconds(120));
            assertThat(done.state()).as("%s", done).isEqualTo(RebuildState.DONE);
            assertThat(done.inPlace()).isTrue();
            assertThat(done.logicalNames()).containsExactly(topic);
            assertThat(done.recordsTotal()).isGreaterThanOrEqualTo(20 * (KEYS + 1));

            assertThat(clocks(client, topic)).as("the document no record wrote is gone; the history is back")
                    .isEqualTo(load.expected());
            JsonNode hits = get(client, "/" + topic + "/_search?size=1000").path("hits").path("hits");
            assertThat(hits).hasSize((int) KEYS + 1);
            for (JsonNode hit : hits) {
                assertThat(hit.path("_source").path("note").asText()).as("the new field, from the replayed history")
                        .isEqualTo("n" + hit.path("_source").path("clock").asLong());
            }
        }
        assertThat(CLUSTER.connect().connectorInfo(topic).config()).containsEntry("read.model.generation", "0")
                .containsEntry("field.include.list", "id,clock,note")
                .as("the commit interval of the replay is gone").doesNotContainKey("offset.commit.interval.ms");
    }

    /** Rebuilds in the cluster, as the REST extension and the CLI request them. */
    private static RebuildRequests rebuilds() {
        return new RebuildRequests(CLUSTER.connect().endpointForResource("").replaceAll("/$", ""),
                CLUSTER.kafka().bootstrapServers(), ElasticsearchRebuildConnector.class.getName());
    }


    private static Map<String, String> sinkConfig(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ElasticsearchSinkConnector.class.getName());
        config.put("tasks.max", "2");
        config.put("topics", topic);
        config.put("connection.url", ES.httpUrl());
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("batch.flush.interval.ms", "100");
        config.put("read.model.generation", "1");
        config.put("field.include.list", "id,clock");
        return config;
    }

    /** One read of the alias: a real-time GET of the clock document (which says its index), and the count. */
    private static LiveModelLoad.Observation read(RestClient client) throws Exception {
        JsonNode clockDocument = clockOf(client);
        long count = count(client);
        return new LiveModelLoad.Observation(count, clockDocument.path("_source").path("clock").asLong(),
                clockDocument.path("_index").asText(), clockDocument.path("_source").has("note"));
    }

    private static JsonNode clockOf(RestClient client) throws Exception {
        return get(client, "/orders/_doc/0");
    }

    private static long count(RestClient client) throws Exception {
        return get(client, "/orders/_count").path("count").asLong();
    }

    private static Map<Long, Long> clocks(RestClient client, String index) throws Exception {
        client.performRequest(new Request("POST", "/" + index + "/_refresh"));
        Map<Long, Long> clocks = new HashMap<>();
        for (JsonNode hit : get(client, "/" + index + "/_search?size=1000").path("hits").path("hits")) {
            clocks.put(hit.path("_source").path("id").asLong(), hit.path("_source").path("clock").asLong());
        }
        return clocks;
    }

    private static JsonNode settings(RestClient client, String index) throws Exception {
        return get(client, "/" + index + "/_settings?flat_settings=true").path(index).path("settings");
    }

    private static boolean exists(RestClient client, String index) throws Exception {
        try {
            return client.performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            return false;
        }
    }

    private static JsonNode get(RestClient client, String path) throws Exception {
        String[] pathAndQuery = path.split("\\?", 2);
        Request request = new Request("GET", pathAndQuery[0]);
        if (pathAndQuery.length == 2) {
            String[] pair = pathAndQuery[1].split("=", 2);
            request.addParameter(pair[0], pair[1]);
        }
        return JSON.readTree(client.performRequest(request).getEntity().getContent());
    }
}
