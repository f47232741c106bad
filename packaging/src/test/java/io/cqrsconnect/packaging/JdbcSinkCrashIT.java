package io.cqrsconnect.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.localstack.ConnectRestClient.Response;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash test of the JDBC sink's exactly-once option: the worker process is killed with SIGKILL while records
 * are still arriving, a new worker takes over, and the table ends holding every record exactly once, in insert mode
 * and without a primary key, where a single replayed record would show as a duplicate row. Kafka's own committed
 * offsets lag the writes by up to a second here, so without the offsets kept in the database the replay is certain.
 */
class JdbcSinkCrashIT {

    private static final String TOPIC = "crash-orders";
    private static final int RECORDS = 30_000;
    private static final int CHUNK = 300;

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        // A lost task goes to the new worker at the next rebalance; this bounds the wait for the dead one.
        stack = LocalStack.builder().workerProperty("scheduled.rebalance.max.delay.ms", "5000").build().start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aWorkerKilledMidStreamLeavesEveryRecordExactlyOnce() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
        }
        Response created = stack.rest().put("/connectors/crash-jdbc/config", config());
        assertThat(created.isSuccess()).as(created.toString()).isTrue();

        CompletableFuture<Void> producing = produceSteadily();
        await("the first rows written").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> count("SELECT count(*) FROM crash_orders") > 0);
        assertThat(producing).as("records still arriving when the worker dies").isNotDone();

        stack.crashAndReplaceWorker();
        producing.get();

        await("every record written after the crash").atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .until(() -> count("SELECT count(*) FROM crash_orders") >= RECORDS);
        assertThat(count("SELECT count(*) FROM crash_orders")).isEqualTo(RECORDS);
        assertThat(count("SELECT count(DISTINCT id) FROM crash_orders")).isEqualTo(RECORDS);
        assertThat(count("SELECT sum(id) FROM crash_orders")).isEqualTo((long) RECORDS * (RECORDS - 1) / 2);
        Response status = stack.rest().get("/connectors/crash-jdbc/status");
        assertThat(status.json().path("tasks")).allSatisfy(task ->
                assertThat(task.path("state").asText()).isEqualTo("RUNNING"));
    }

    /**
     * Sends the records over about ten seconds, so that the crash falls in the middle of the stream: a timer sends
     * the next 300 records every 100 ms, and the future completes once the last of them is acknowledged.
     */
    private static CompletableFuture<Void> produceSteadily() {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        timer.scheduleAtFixedRate(() -> {
            try {
                int from = next.getAndAdd(CHUNK);
                for (int i = from; i < Math.min(from + CHUNK, RECORDS); i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "{\"id\":" + i + "}",
                            "{\"id\":" + i + ",\"amount\":" + (i % 1000) + "}"));
                }
                producer.flush();
                if (from + CHUNK >= RECORDS) {
                    sent.complete(null);
                }
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        return sent.whenComplete((ignored, failure) -> {
            producer.close();
            timer.shutdown();
        });
    }

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.cqrsconnect.jdbc.sink.JdbcSinkConnector");
        config.put("tasks.max", "2");
        config.put("topics", TOPIC);
        config.put("connection.url", DATABASE.jdbcUrl());
        config.put("connection.user", DATABASE.user());
        config.put("connection.password", DATABASE.password());
        config.put("table.name.format", "crash_orders");
        config.put("insert.mode", "insert");
        config.put("pk.mode", "none");
        config.put("delete.enabled", "false");
        config.put("exactly.once.enabled", "true");
        config.put("consumer.override.max.poll.records", "200");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
