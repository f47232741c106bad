package io.cqrsconnect.packaging.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.localstack.ConnectRestClient.Response;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rebuilds as users run them: one real worker process with the packaged plugins and the packaged REST extension,
 * asked over HTTP exactly as the README's {@code curl} commands ask. For each sink (JDBC on PostgreSQL and on
 * MariaDB, Elasticsearch) a live read model gets a field it left out, while a producer keeps changing the model and a
 * reader keeps reading its logical name: the reader never sees the name missing, a row missing or the clock row go
 * back, sees the new field appear once and stay, and afterwards the model equals everything ever written, the changes
 * made during the rebuild included. A topic whose beginning retention deleted is refused until the user forces it.
 */
class RebuildEndToEndIT {

    private static final String EXTENSION = "io.cqrsconnect.rebuild.extension.ReadModelsRestExtension";
    /** The clock row and 100 others. */
    private static final long KEYS = 101;
    /** 150 changes of each row before the rebuild: its replay takes a while, the handoff must wait for it. */
    private static final int HISTORY = 150 * (int) KEYS;

    @RegisterExtension
    static final PostgresDatabase POSTGRES = new PostgresDatabase();

    @RegisterExtension
    static final MariaDbDatabase MARIADB = new MariaDbDatabase();

    private static ElasticsearchNode elasticsearch;
    private static LocalStack stack;
    private static ReadModelsApi readModels;

    @BeforeAll
    static void start() {
        elasticsearch = ElasticsearchNode.shared().start(); // the JVM's shared node: never closed here
        stack = LocalStack.builder().workerProperty("rest.extension.classes", EXTENSION).build().start();
        readModels = new ReadModelsApi(stack.connectUrl());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aPostgresModelGetsANewFieldWhileItServes() throws Exception {
        try (ReadModelView view = new JdbcReadModelView(POSTGRES, "orders_pg")) {
            rebuildWhileItServes("orders-pg", LiveSinks.jdbc(POSTGRES, "orders-pg", "orders_pg"), view);
        }
    }

    @Test
    void aMariaDbModelGetsANewFieldWhileItServes() throws Exception {
        try (ReadModelView view = new JdbcReadModelView(MARIADB, "orders_maria")) {
            rebuildWhileItServes("orders-maria", LiveSinks.jdbc(MARIADB, "orders-maria", "orders_maria"), view);
        }
    }

    @Test
    void anElasticsearchModelGetsANewFieldWhileItServes() throws Exception {
        try (ReadModelView view = new ElasticsearchReadModelView(elasticsearch.httpUrl(), "orders-es")) {
            rebuildWhileItServes("orders-es", LiveSinks.elasticsearch(elasticsearch.httpUrl(), "orders-es"), view);
        }
    }

    @Test
    void aTopicWhoseBeginningRetentionDeletedIsRebuiltOnlyWhenForced() throws Exception {
        String topic = "payments";
        createTopic(topic, 1);
        try (ClockChanges changes = new ClockChanges(stack.bootstrapServers(), topic, KEYS);
             ReadModelView view = new JdbcReadModelView(POSTGRES, "payments")) {
            changes.history(1_000);
            // what retention does to a topic that is not compacted: the log now begins at offset 400
            try (Admin admin = admin()) {
                admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(400)))
                        .all().get();
            }
            startLiveConnector("payments", LiveSinks.jdbc(POSTGRES, topic, "payments"), view, changes);

            String refused = readModels.rebuild("payments", "", false);
            JsonNode failed = readModels.awaitEnd("payments", refused, Duration.ofSeconds(60));

            assertThat(failed.at("/rebuild/state").asText()).as("%s", failed).isEqualTo("FAILED");
            assertThat(failed.at("/rebuild/last_error").asText()).as("names the partition, its first offset and "
                    + "how to force").contains("payments-0 begins at offset 400", "?force=true");
            assertThat(failed.path("serving_generation").asInt()).isEqualTo(1);

            String forced = readModels.rebuild("payments", "", true);
            JsonNode done = readModels.awaitEnd("payments", forced, Duration.ofSeconds(90));

            assertThat(done.at("/rebuild/state").asText()).as("%s", done).isEqualTo("DONE");
            assertThat(done.path("serving_generation").asInt()).isEqualTo(2);
            assertThat(done.at("/rebuild/records_total").asLong()).as("from where the history begins now")
                    .isEqualTo(600);
            assertThat(view.clocks()).isEqualTo(changes.expected());
        }
    }

    /**
     * Starts the live connector, lets it serve the history, then rebuilds it with the extra field under live load,
     * through {@code POST /read-models/{connector}/rebuild} and {@code GET /read-models/{connector}}.
     */
    private static void rebuildWhileItServes(String connector, Map<String, String> config, ReadModelView view)
            throws Exception {
        String topic = config.get("topics");
        createTopic(topic, 2);
        try (ClockChanges changes = new ClockChanges(stack.bootstrapServers(), topic, KEYS)) {
            changes.history(HISTORY);
            startLiveConnector(connector, config, view, changes);

            JsonNode model;
            LiveLoad load = LiveLoad.start(changes, view);
            try {
                String requestedAt = readModels.rebuild(connector, LiveSinks.ADD_THE_NOTE, false);
                model = readModels.awaitEnd(connector, requestedAt, Duration.ofSeconds(120));
                long switchedAt = changes.count();
                // the live connector goes on writing, now into the new generation
                await().atMost(Duration.ofSeconds(30)).until(() -> changes.count() > switchedAt + 100);
            } finally {
                load.stop();
            }
            await("the model to hold every change").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(view.clocks()).isEqualTo(changes.expected()));

            JsonNode rebuild = model.path("rebuild");
            assertThat(rebuild.path("state").asText()).as("%s", model).isEqualTo("DONE");
            assertThat(load.violations()).as("what readers saw during the rebuild (%d reads)", load.reads())
                    .isEmpty();
            assertThat(load.firstReadLackedTheExtraField()).as("no new field before the switch").isTrue();
            assertThat(load.switches()).as("the field appeared once and stayed: exactly one switch").isEqualTo(1);
            assertThat(view.read().extraField()).isTrue();
            assertThat(model.path("serving_generation").asInt()).as("%s", model).isEqualTo(2);
            assertThat(rebuild.path("records_total").asLong()).isGreaterThanOrEqualTo(HISTORY);
            assertThat(rebuild.path("records_done").asLong()).isEqualTo(rebuild.path("records_total").asLong());
            assertThat(rebuild.path("percent").asDouble()).isEqualTo(100.0);
            assertThat(rebuild.path("handoff_pause_ms").asLong()).as("the pause in live writes is measured")
                    .isPositive();
            Response live = stack.rest().get("/connectors/" + connector + "/config");
            assertThat(live.json().path("field.include.list").asText()).isEqualTo("id,clock,note");
            System.out.printf("Rebuild of %s: %d records replayed, %d reads during it, handoff paused live writes "
                            + "%d ms%n", connector, rebuild.path("records_total").asLong(), load.reads(),
                    rebuild.path("handoff_pause_ms").asLong());
        }
    }

    private static void startLiveConnector(String connector, Map<String, String> config, ReadModelView view,
                                           ClockChanges changes) {
        Response created = stack.rest().put("/connectors/" + connector + "/config", config);
        assertThat(created.isSuccess()).as("%s", created).isTrue();
        await(connector + " to serve the history").atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .untilAsserted(() -> assertThat(view.clocks()).isEqualTo(changes.expected()));
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }
}
