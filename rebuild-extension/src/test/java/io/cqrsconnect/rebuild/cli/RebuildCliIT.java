package io.cqrsconnect.rebuild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.jdbc.sink.JdbcSinkConnector;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.db.SqliteDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CLI against a worker without the REST extension, as on a Connect 3.x cluster: it starts a rebuild, follows it
 * to the switch and reports the handoff pause, lists read models, and answers exit codes a script can rely on.
 */
class RebuildCliIT {

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        out.reset();
        err.reset();
        return RebuildCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String url() {
        return CLUSTER.connect().endpointForResource("").replaceAll("/$", "");
    }

    @Test
    void startsARebuildFollowsItToTheSwitchAndListsTheModel() throws Exception {
        history("invoices", 1_000);
        Map<String, String> config = sinkConfig("invoices");
        config.put("read.model.generation", "1");
        CLUSTER.connect().configureConnector("invoices-model", config);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> count("invoices") == 100);

        int started = cli("--connect-url", url(), "start", "invoices-model", "--bootstrap-servers",
                CLUSTER.kafka().bootstrapServers(), "--config", "{\"field.include.list\": \"id,total\"}", "--wait");

        assertThat(started).as("%s%s", out, err).isZero();
        assertThat(out.toString()).contains("Rebuild of 'invoices-model' requested", "invoices-model: DONE",
                "generation 2 (serving 1)", "1000/1000 records (100.0%)", "live writes paused");
        assertThat(CLUSTER.connect().connectorInfo("invoices-model").config())
                .containsEntry("read.model.generation", "2").containsEntry("field.include.list", "id,total");
        assertThat(count("invoices")).isEqualTo(100);
        try (Connection connection = DATABASE.connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT total FROM invoices WHERE id = 7")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).as("the field added by the rebuild, from the last change of id 7")
                    .isEqualTo(907);
        }

        assertThat(cli("--connect-url", url(), "status", "invoices-model")).isZero();
        assertThat(out.toString()).contains("invoices-model: DONE");
        assertThat(cli("--connect-url", url(), "list")).isZero();
        assertThat(out.toString()).contains("invoices-model\tgeneration 2\trebuild DONE");
        assertThat(cli("--connect-url", url(), "cancel", "invoices-model")).as("nothing under way").isEqualTo(2);
    }

    /**
     * A model written without generations: the side-by-side rebuild is refused with the way out, and the rebuild
     * in place clears the table and replays the history into it with the new field.
     */
    @Test
    void rebuildsAModelWithoutGenerationsInPlaceAfterRefusingItSideBySide() throws Exception {
        history("ledger", 1_000);
        CLUSTER.connect().configureConnector("ledger-model", sinkConfig("ledger")); // without generations
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> count("ledger") == 100);

        String[] sideBySide = {"--connect-url", url(), "start", "ledger-model", "--bootstrap-servers",
                CLUSTER.kafka().bootstrapServers(), "--config", "{\"field.include.list\": \"id,total\"}", "--wait"};
        assertThat(cli(sideBySide)).as("%s%s", out, err).isEqualTo(1);
        assertThat(out.toString()).contains("ledger-model: FAILED", "read.model.generation=0", "--in-place");

        String[] inPlace = {"--connect-url", url(), "start", "ledger-model", "--bootstrap-servers",
                CLUSTER.kafka().bootstrapServers(), "--config", "{\"field.include.list\": \"id,total\"}", "--in-place",
                "--wait"};
        assertThat(cli(inPlace)).as("%s%s", out, err).isZero();
        assertThat(out.toString()).contains("Rebuild in place (readers see the model empty until it has caught up)",
                "ledger-model: DONE, in place", "1000/1000 records (100.0%)", "ms to clear the model");
        assertThat(CLUSTER.connect().connectorInfo("ledger-model").config())
                .containsEntry("field.include.list", "id,total").doesNotContainKey("read.model.generation");
        assertThat(count("ledger")).isEqualTo(100);
        try (Connection connection = DATABASE.connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT total FROM ledger WHERE id = 7")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).as("the field the rebuild added, replayed from the history").isEqualTo(907);
        }
    }

    @Test
    void answersExitCodesAScriptCanRelyOn() {
        assertThat(cli("--connect-url", url(), "start", "nope", "--bootstrap-servers",
                CLUSTER.kafka().bootstrapServers())).isEqualTo(2);
        assertThat(out.toString()).contains("There is no connector 'nope'");
        assertThat(cli("--connect-url", url(), "status", "nope")).isEqualTo(2);
        assertThat(cli("--connect-url", url(), "start", "nope")).isEqualTo(1);
        assertThat(err.toString()).contains("start needs --bootstrap-servers", "Usage: cqrs-rebuild");
        assertThat(cli("status")).isEqualTo(1);
        assertThat(err.toString()).contains("--connect-url is required");
    }

    /** A JDBC sink writing {@code topic} into the table of its name, with the field id alone. */
    private static Map<String, String> sinkConfig(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.url", DATABASE.jdbcUrl());
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("table.name.format", topic);
        config.put("field.include.list", "id");
        return config;
    }

    private static void history(String topic, int changes) {
        CLUSTER.kafka().createTopic(topic, 1);
        String keySchema = "{\"type\":\"struct\",\"optional\":false,\"fields\":[{\"field\":\"id\",\"type\":\"int64\","
                + "\"optional\":false}]}";
        String valueSchema = "{\"type\":\"struct\",\"optional\":false,\"fields\":[{\"field\":\"id\",\"type\":"
                + "\"int64\",\"optional\":false},{\"field\":\"total\",\"type\":\"int64\",\"optional\":false}]}";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, CLUSTER.kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < changes; i++) {
                long id = i % 100;
                producer.send(new ProducerRecord<>(topic, "{\"schema\":" + keySchema + ",\"payload\":{\"id\":" + id
                        + "}}", "{\"schema\":" + valueSchema + ",\"payload\":{\"id\":" + id + ",\"total\":" + i
                        + "}}"));
            }
        }
    }

    private static long count(String table) throws Exception {
        try (Connection connection = DATABASE.connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
