package io.cqrsconnect.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.testing.localstack.ConnectRestClient.Response;
import io.cqrsconnect.testing.localstack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack works: a real broker that clients can produce to and consume from, and a real Connect worker that
 * lists the plugins of its class path, discovers plugins with {@code service_load} and runs a connector (MirrorMaker's
 * heartbeat connector, which ships with every Kafka) driven only through the REST API.
 */
class LocalStackIT {

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.builder().build().start();
        System.out.printf("local stack in %s: broker ready in %d ms, worker ready in %d ms%n", stack.workDir(),
                stack.brokerStartup().toMillis(), stack.workerStartup().toMillis());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
            assertThat(stack.worker().process().isAlive()).isFalse();
            assertThat(stack.broker().process().isAlive()).isFalse();
        }
    }

    @Test
    void brokerStoresAndServesRecords() throws Exception {
        String topic = "local-stack-smoke";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        Map<String, String> sent = new LinkedHashMap<>();
        IntStream.range(0, 200).forEach(i -> sent.put("key-" + i, "value-" + i));

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (Map.Entry<String, String> record : sent.entrySet()) {
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue()));
            }
            producer.flush();
        }

        Map<String, String> received = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-stack-smoke",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await("200 records consumed back").atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.put(record.key(), record.value());
                }
                return received.size() >= sent.size();
            });
        }
        assertThat(received).isEqualTo(sent);
    }

    @Test
    void workerListsThePluginsOfAStockWorker() {
        Response response = stack.rest().get("/connector-plugins?connectorsOnly=false");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode plugins = response.json();
        assertThat(plugins.isArray()).as(response.toString()).isTrue();
        Map<String, String> typeByClass = StreamSupport.stream(plugins.spliterator(), false)
                .collect(Collectors.toMap(p -> p.get("class").asText(), p -> p.get("type").asText(), (a, b) -> a));
        // connect-mirror, on the worker's class path like in a distribution's libs/
        assertThat(typeByClass).containsEntry("org.apache.kafka.connect.mirror.MirrorSourceConnector", "source");
        // connect-transforms and connect-json, which connect-runtime brings
        assertThat(typeByClass)
                .containsEntry("org.apache.kafka.connect.transforms.InsertField$Value", "transformation")
                .containsEntry("org.apache.kafka.connect.json.JsonConverter", "converter");
    }

    @Test
    void workerDiscoversPluginsWithTheServiceLoaderOnThePluginPath() throws Exception {
        assertThat(stack.worker().config())
                .containsEntry("plugin.discovery", "service_load")
                .containsEntry("plugin.path", stack.pluginPath().toString());
        assertThat(Files.isDirectory(stack.pluginPath())).isTrue();

        String log = Files.readString(stack.worker().process().logFile());
        // the worker's own dump of the config it runs with, and its plugin scan
        assertThat(log)
                .contains("plugin.discovery = service_load")
                .contains("plugin.path = [" + stack.pluginPath() + "]")
                .contains("Scanning plugins with ServiceLoaderScanner took");
        // every plugin directory already unpacked there was loaded in its own class loader
        try (var entries = Files.list(stack.pluginPath())) {
            for (Path plugin : entries.filter(Files::isDirectory).toList()) {
                assertThat(log).contains("Loading plugin from: " + plugin);
            }
        }
    }

    @Test
    void workerRunsAConnectorCreatedAndDeletedThroughTheRestApi() throws Exception {
        String name = "local-stack-heartbeats";
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("connector.class", "org.apache.kafka.connect.mirror.MirrorHeartbeatConnector");
        config.put("tasks.max", "1");
        config.put("source.cluster.alias", "here");
        config.put("target.cluster.alias", "there");
        config.put("source.cluster.bootstrap.servers", stack.bootstrapServers());
        config.put("target.cluster.bootstrap.servers", stack.bootstrapServers());
        config.put("heartbeats.topic.replication.factor", "1");
        config.put("emit.heartbeats.interval.seconds", "1");
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");

        Response validation = stack.rest().put(
                "/connector-plugins/MirrorHeartbeatConnector/config/validate", config);
        assertThat(validation.status()).as(validation.toString()).isEqualTo(200);
        assertThat(validationErrors(validation.json())).isEmpty();

        Response created = stack.rest().post("/connectors", Map.of("name", name, "config", config));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        await("connector and task RUNNING").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode status = stack.rest().get("/connectors/" + name + "/status").json();
            assertThat(status.at("/connector/state").asText()).as(status.toString()).isEqualTo("RUNNING");
            assertThat(status.at("/tasks/0/state").asText()).as(status.toString()).isEqualTo("RUNNING");
        });

        // its output, read back from the broker: the worker really produces
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-stack-heartbeats",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("heartbeats"));
            await("heartbeats produced by the connector").atMost(Duration.ofSeconds(60))
                    .until(() -> !consumer.poll(Duration.ofMillis(500)).isEmpty());
        }

        Response deleted = stack.rest().delete("/connectors/" + name);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        await("connector gone").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> names = StreamSupport.stream(stack.rest().get("/connectors").json().spliterator(), false)
                    .map(JsonNode::asText).collect(Collectors.toSet());
            assertThat(names).doesNotContain(name);
        });
    }

    /** "property: error" for each property the worker rejected (the whole answer is too long to read). */
    private static List<String> validationErrors(JsonNode validation) {
        return StreamSupport.stream(validation.get("configs").spliterator(), false)
                .flatMap(c -> StreamSupport.stream(c.at("/value/errors").spliterator(), false)
                        .map(e -> c.at("/value/name").asText() + ": " + e.asText()))
                .toList();
    }
}
