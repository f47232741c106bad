package io.cqrsconnect.elasticsearch.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector;
import io.cqrsconnect.rebuild.RebuildState;
import io.cqrsconnect.rebuild.RebuildStatus;
import io.cqrsconnect.rebuild.StatusLog;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An Elasticsearch read model rebuilt while it serves: a producer keeps changing it and a reader asks its alias every
 * few milliseconds for a clock document (a real-time GET) and the document count. The reader never finds the alias
 * missing, a document short or the clock older than it was, sees the generation change exactly once, and sees the
 * field the rebuild adds only after the switch; the new index was built without refreshes or replicas and serves
 * with the old one's settings; afterwards the model equals the full history.
 */
class ElasticsearchRebuildIT {

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long KEYS = 100;
    private static final int ROUNDS = 300;
    private static final String KEY_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":[{\"field\":\"id\","
            + "\"type\":\"int64\",\"optional\":false}]}";
    private static final String VALUE_SCHEMA = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
            + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"clock\",\"type\":\"int64\",\"optional\":false},"
            + "{\"field\":\"note\",\"type\":\"string\",\"optional\":true}]}";

    private final Map<Long, Long> expected = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private KafkaProducer<String, String> producer;

    @Test
    void aRebuildWithANewFieldSwitchesTheAliasOnceWhileReadersNeverSeeAnOlderOrPartialModel() throws Exception {
        String topic = "orders";
        CLUSTER.kafka().createTopic(topic, 2);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                CLUSTER.kafka().bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
        for (int round = 0; round < ROUNDS; round++) {
            for (long id = 0; id <= KEYS; id++) {
                produce(topic, id);
            }
        }
        producer.flush();
        String live = "orders-search";
        CLUSTER.connect().configureConnector(live, sinkConfig(topic));
        RestClient client = ((RestClientTransport) ES.client()._transport()).restClient();
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> count(client) == KEYS + 1
                && clockOf(client).path("_source").path("clock").asLong() == expected.get(0L));

        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        List<String> generations = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> noteSeen = Collections.synchronizedList(new ArrayList<>());
        AtomicLong lastClock = new AtomicLong(-1);
        try {
            load.scheduleWithFixedDelay(() -> produce(topic, clock.get() % 2 == 0 ? 0 : 1 + clock.get() % KEYS),
                    0, 5, TimeUnit.MILLISECONDS);
            load.scheduleWithFixedDelay(() -> read(client, lastClock, generations, noteSeen, violations), 0, 3,
                    TimeUnit.MILLISECONDS);

            CLUSTER.connect().configureConnector(live + "-rebuild", Map.of(
                    "connector.class", ElasticsearchRebuildConnector.class.getName(),
                    "tasks.max", "1",
                    "rebuild.connector", live,
                    "rebuild.requested.at", Instant.now().toString(),
                    "rebuild.config.overrides", "{\"fields.include\": \"id,clock,note\"}",
                    "rebuild.connect.url", CLUSTER.connect().endpointForResource("").replaceAll("/$", ""),
                    "rebuild.kafka.bootstrap.servers", CLUSTER.kafka().bootstrapServers(),
                    "rebuild.poll.interval.ms", "200"));
            await().atMost(Duration.ofSeconds(60)).until(() -> exists(client, "orders__g2"));
            JsonNode building = settings(client, "orders__g2");
            assertThat(building.path("index.refresh_interval").asText()).as("replayed without refreshes")
                    .isEqualTo("-1");
            assertThat(building.path("index.number_of_replicas").asText()).as("and without replicas").isEqualTo("0");

            StatusLog statuses = new StatusLog("cqrs-connect-read-models",
                    Map.of("bootstrap.servers", CLUSTER.kafka().bootstrapServers()));
            await().atMost(Duration.ofSeconds(180)).until(() -> statuses.read(live)
                    .map(status -> status.state().terminal()).orElse(false));
            RebuildStatus done = statuses.read(live).orElseThrow();
            assertThat(violations).as("what readers saw during the rebuild").isEmpty();
            assertThat(done.state()).as("%s", done).isEqualTo(RebuildState.DONE);
            assertThat(done.handoffPauseMs()).isPositive();

            long switchedAt = clock.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> clock.get() > switchedAt + 100);
        } finally {
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            producer.close();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(clocks(client)).isEqualTo(expected));
        assertThat(violations).isEmpty();
        assertThat(generations).as("the reader saw both generations").contains("orders__g1", "orders__g2");
        assertThat(generations.subList(generations.indexOf("orders__g2"), generations.size()))
                .as("exactly one switch").containsOnly("orders__g2");
        assertThat(noteSeen.subList(0, generations.indexOf("orders__g2"))).as("no new field before the switch")
                .containsOnly(false);
        JsonNode serving = settings(client, "orders__g2");
        JsonNode old = settings(client, "orders__g1");
        assertThat(serving.path("index.number_of_replicas").asText())
                .isEqualTo(old.path("index.number_of_replicas").asText());
        assertThat(serving.path("index.refresh_interval").isMissingNode()).as("refreshes back to the default")
                .isTrue();
        assertThat(CLUSTER.connect().connectorInfo(live).config()).containsEntry("read.model.generation", "2")
                .doesNotContainKey("read.model.replay.index.settings");
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
        config.put("fields.include", "id,clock");
        return config;
    }

    private synchronized void produce(String topic, long id) {
        long now = clock.incrementAndGet();
        expected.put(id, now);
        producer.send(new ProducerRecord<>(topic, "{\"schema\":" + KEY_SCHEMA + ",\"payload\":{\"id\":" + id + "}}",
                "{\"schema\":" + VALUE_SCHEMA + ",\"payload\":{\"id\":" + id + ",\"clock\":" + now
                        + ",\"note\":\"n" + now + "\"}}"));
    }

    /** One reader query: the clock document never goes back, none is missing, the generation changes once. */
    private static void read(RestClient client, AtomicLong lastClock, List<String> generations,
                             List<Boolean> noteSeen, List<String> violations) {
        try {
            JsonNode clockDocument = clockOf(client);
            long count = count(client);
            long clockValue = clockDocument.path("_source").path("clock").asLong();
            if (count != KEYS + 1) {
                violations.add("the alias counted " + count + " documents in " + clockDocument.path("_index"));
            }
            if (clockValue < lastClock.get()) {
                violations.add("the clock went back from " + lastClock.get() + " to " + clockValue);
            }
            lastClock.set(Math.max(lastClock.get(), clockValue));
            generations.add(clockDocument.path("_index").asText());
            noteSeen.add(clockDocument.path("_source").has("note"));
        } catch (Exception e) {
            violations.add("the model could not be read: " + e);
        }
    }

    private static JsonNode clockOf(RestClient client) throws Exception {
        return get(client, "/orders/_doc/0");
    }

    private static long count(RestClient client) throws Exception {
        return get(client, "/orders/_count").path("count").asLong();
    }

    private static Map<Long, Long> clocks(RestClient client) throws Exception {
        client.performRequest(new Request("POST", "/orders/_refresh"));
        Map<Long, Long> clocks = new HashMap<>();
        for (JsonNode hit : get(client, "/orders/_search?size=1000").path("hits").path("hits")) {
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
