package io.cqrsconnect.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import co.elastic.clients.elasticsearch.indices.RefreshRequest;
import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.localstack.ConnectRestClient.Response;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secrets through Kafka's own config providers, as the README's "Secrets" section tells users to keep them: a real
 * worker process declares {@code FileConfigProvider}, {@code DirectoryConfigProvider} and {@code EnvVarConfigProvider}
 * (each restricted, as Kafka advises), and the packaged sinks get their passwords as {@code ${file:...}},
 * {@code ${env:...}} and {@code ${directory:...}}.
 *
 * <p>The stores check the passwords (a MariaDB user made for this test, an Elasticsearch node with basic auth), so
 * data arriving proves each placeholder was resolved to the real secret. Then no REST answer, nor the worker's config
 * topic, nor its log holds a secret; a connector given the password in plain text shows it in {@code /config},
 * which is what the providers are for, and proves these checks would see a secret that is there.
 */
class ConfigProviderSecretsIT {

    private static final String JDBC_SINK = "io.cqrsconnect.jdbc.sink.JdbcSinkConnector";
    private static final String ES_SINK = "io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector";
    private static final String TOPIC = "secret-customers";
    private static final int RECORDS = 50;
    private static final String ENV_PASSWORD = "CQRS_SECRET_MARIADB_PASSWORD";
    private static final String AUTOMATIC_PROVIDERS = "org.apache.kafka.automatic.config.providers";

    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String MARIADB_USER = "cqrs_secret_" + SUFFIX;
    private static final String ROTATING_USER = "cqrs_rotating_" + SUFFIX;
    private static final String MARIADB_PASSWORD = "mariadb-pw-" + UUID.randomUUID();
    private static final String ES_USER = "secret-writer";
    private static final String ES_PASSWORD = "es-pw-" + UUID.randomUUID();
    private static final List<String> SECRETS = List.of(MARIADB_PASSWORD, ES_PASSWORD);

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    private static ElasticsearchNode elasticsearch;
    private static LocalStack stack;
    private static Path secrets;

    @BeforeAll
    static void start() throws Exception {
        createUser(MARIADB_USER, MARIADB_PASSWORD);
        elasticsearch = ElasticsearchNode.withBasicAuth(ES_USER, ES_PASSWORD).start();

        Path workDir = LocalStack.builder().build().workDir();
        secrets = workDir.resolve("secrets");
        // ${file:<file>:<key>}: a properties file, one or more keys.
        Files.createDirectories(secrets);
        Files.writeString(secrets.resolve("mariadb.properties"),
                "user=" + MARIADB_USER + "\npassword=" + MARIADB_PASSWORD + "\n", StandardCharsets.UTF_8);
        // ${directory:<dir>:<file>}: the whole file is the value (a Kubernetes secret volume), so no line break.
        Files.createDirectories(secrets.resolve("elasticsearch"));
        Files.writeString(secrets.resolve("elasticsearch").resolve("password"), ES_PASSWORD, StandardCharsets.UTF_8);

        stack = LocalStack.builder().workDir(workDir)
                .workerProperty("config.providers", "file,directory,env")
                .workerProperty("config.providers.file.class",
                        "org.apache.kafka.common.config.provider.FileConfigProvider")
                .workerProperty("config.providers.file.param.allowed.paths", secrets.toString())
                .workerProperty("config.providers.directory.class",
                        "org.apache.kafka.common.config.provider.DirectoryConfigProvider")
                .workerProperty("config.providers.directory.param.allowed.paths", secrets.toString())
                .workerProperty("config.providers.env.class",
                        "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
                .workerProperty("config.providers.env.param.allowlist.pattern", "^CQRS_SECRET_.*")
                .workerEnvironment(ENV_PASSWORD, MARIADB_PASSWORD)
                // Kafka's advice against CVE-2024-31141: clients may not load providers on their own. The worker's
                // declared providers are not affected (WorkerConfig passes them explicitly), as this test shows.
                .workerEnvironment("JDK_JAVA_OPTIONS", "-D" + AUTOMATIC_PROVIDERS + "=none")
                .build().start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (stack != null) {
                stack.close();
            }
            if (elasticsearch != null) {
                elasticsearch.close();
            }
        } finally {
            runAsAdmin("DROP USER IF EXISTS '" + MARIADB_USER + "'@'%'",
                    "DROP USER IF EXISTS '" + ROTATING_USER + "'@'%'");
        }
    }

    @Test
    void sinksConfiguredThroughProvidersWriteAndNoAnswerShowsTheSecrets() throws Exception {
        // The stores check passwords, so data arriving below means the real secret was resolved.
        assertThatThrownBy(() -> DriverManager.getConnection(DATABASE.jdbcUrl(), MARIADB_USER, "wrong-password"))
                .hasMessageContaining("Access denied");
        assertThat(Files.readString(stack.worker().process().logFile(), StandardCharsets.UTF_8))
                .contains("Picked up JDK_JAVA_OPTIONS: -D" + AUTOMATIC_PROVIDERS + "=none");
        Path mariadbFile = secrets.resolve("mariadb.properties");
        Map<String, String> viaFile = jdbcConfig("secret-jdbc-file", "customers_file",
                "${file:" + mariadbFile + ":user}", "${file:" + mariadbFile + ":password}");
        Map<String, String> viaEnv = jdbcConfig("secret-jdbc-env", "customers_env", MARIADB_USER,
                "${env:" + ENV_PASSWORD + "}");
        Map<String, String> viaDirectory = elasticsearchConfig("secret-es-directory",
                "${directory:" + secrets.resolve("elasticsearch") + ":password}");

        // Validation resolves the placeholders too: each sink's own connection test passes with the real secret.
        for (Map<String, String> config : List.of(viaFile, viaEnv, viaDirectory)) {
            String connectorClass = config.get("connector.class");
            String plugin = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
            Response validation = stack.rest().put("/connector-plugins/" + plugin + "/config/validate", config);
            assertNoSecret(validation);
            assertThat(validation.json().path("error_count").asInt(-1)).as(validation.toString()).isZero();
        }

        createTopic(TOPIC);
        produce(TOPIC, 0, RECORDS);
        for (Map<String, String> config : List.of(viaFile, viaEnv, viaDirectory)) {
            Response created = stack.rest().put("/connectors/" + config.get("name") + "/config", config);
            assertThat(created.isSuccess()).as(created.toString()).isTrue();
            assertNoSecret(created);
        }
        await("all records in both MariaDB tables and the index").atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(countRows("customers_file")).isEqualTo(RECORDS);
                    assertThat(countRows("customers_env")).isEqualTo(RECORDS);
                    assertThat(countDocuments()).isEqualTo(RECORDS);
                });

        for (Map<String, String> config : List.of(viaFile, viaEnv, viaDirectory)) {
            String name = config.get("name");
            Response stored = stack.rest().get("/connectors/" + name + "/config");
            assertNoSecret(stored);
            // What an operator sees instead: the placeholder, as written.
            assertThat(stored.json().path("connection.password").asText())
                    .isEqualTo(config.get("connection.password")).startsWith("${");
            assertNoSecret(stack.rest().get("/connectors/" + name));
            assertNoSecret(stack.rest().get("/connectors/" + name + "/tasks"));
            assertNoSecret(stack.rest().get("/connectors/" + name + "/status"));
        }
        assertNoSecret(stack.rest().get("/connectors?expand=info&expand=status"));
        String configTopic = configTopicContents();
        assertThat(configTopic).contains("${file:" + mariadbFile + ":password}");
        assertThat(configTopic).doesNotContain(SECRETS);

        // The control: in plain text, the password is there for anyone who may read the REST API.
        Map<String, String> plain = jdbcConfig("secret-jdbc-plain", "customers_plain", MARIADB_USER,
                MARIADB_PASSWORD);
        assertThat(stack.rest().put("/connectors/secret-jdbc-plain/config", plain).isSuccess()).isTrue();
        assertThat(stack.rest().get("/connectors/secret-jdbc-plain/config").body()).contains(MARIADB_PASSWORD);
        // Running means its connector and task have started, and logged their settings.
        await("the plain connector's task running").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> taskState("secret-jdbc-plain").equals("RUNNING"));
        assertThat(stack.rest().delete("/connectors/secret-jdbc-plain").isSuccess()).isTrue();

        // The password settings are PASSWORD-typed: not even the plain one is logged.
        assertThat(Files.readString(stack.worker().process().logFile(), StandardCharsets.UTF_8))
                .doesNotContain(SECRETS);
    }

    /**
     * Connect resolves placeholders when it starts a connector or a task, so a secret rotated in its file is picked
     * up by a restart, as the README says. The old password is refused once rotated, so the rows written after the
     * restart were written with the new one.
     */
    @Test
    void aRotatedSecretIsUsedAfterARestart() throws Exception {
        String topic = "secret-rotation";
        String oldPassword = "rotating-old-" + UUID.randomUUID();
        String newPassword = "rotating-new-" + UUID.randomUUID();
        Path file = secrets.resolve("rotating.properties");
        createUser(ROTATING_USER, oldPassword);
        Files.writeString(file, "password=" + oldPassword + "\n", StandardCharsets.UTF_8);
        createTopic(topic);
        produce(topic, 0, 10);
        Map<String, String> config = jdbcConfig("secret-jdbc-rotating", "customers_rotating", ROTATING_USER,
                "${file:" + file + ":password}");
        config.put("topics", topic);
        assertThat(stack.rest().put("/connectors/secret-jdbc-rotating/config", config).isSuccess()).isTrue();
        await("the first 10 rows").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> countRows("customers_rotating") == 10);

        runAsAdmin("ALTER USER '" + ROTATING_USER + "'@'%' IDENTIFIED BY '" + newPassword + "'");
        // The running task's connection would outlive the change: end it, so only a new login can write.
        killSessionsOf(ROTATING_USER);
        Files.writeString(file, "password=" + newPassword + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DriverManager.getConnection(DATABASE.jdbcUrl(), ROTATING_USER, oldPassword))
                .hasMessageContaining("Access denied");
        Response restart = stack.rest().post("/connectors/secret-jdbc-rotating/restart?includeTasks=true", "");
        assertThat(restart.isSuccess()).as(restart.toString()).isTrue();
        produce(topic, 10, 20);

        await("the 10 rows written after the restart").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> countRows("customers_rotating") == 20);
        assertThat(stack.rest().get("/connectors/secret-jdbc-rotating/config").body()).doesNotContain(newPassword);
        assertThat(Files.readString(stack.worker().process().logFile(), StandardCharsets.UTF_8))
                .doesNotContain(oldPassword, newPassword);
    }

    private static Map<String, String> jdbcConfig(String name, String table, String user, String password) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", JDBC_SINK);
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("connection.url", DATABASE.jdbcUrl());
        config.put("connection.user", user);
        config.put("connection.password", password);
        config.put("pk.mode", "record_value");
        config.put("pk.fields", "id");
        config.put("table.name.format", table);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static Map<String, String> elasticsearchConfig(String name, String password) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", ES_SINK);
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("connection.url", elasticsearch.httpUrl());
        config.put("connection.user", ES_USER);
        config.put("connection.password", password);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("batch.flush.interval.ms", "200");
        return config;
    }

    private static String taskState(String connector) {
        return stack.rest().get("/connectors/" + connector + "/status").json().path("tasks").path(0).path("state")
                .asText();
    }

    private static void assertNoSecret(Response response) {
        assertThat(response.isSuccess()).as(response.toString()).isTrue();
        assertThat(response.body()).as(response.method() + " " + response.uri()).doesNotContain(SECRETS);
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    /** Customers with ids from {@code first} (inclusive) to {@code end} (exclusive). */
    private static void produce(String topic, int first, int end) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = first; i < end; i++) {
                producer.send(new ProducerRecord<>(topic, "customer-" + i, "{\"id\":" + i + ",\"name\":\"c" + i
                        + "\"}"));
            }
            producer.flush();
        }
    }

    private static void createUser(String user, String password) throws SQLException {
        runAsAdmin("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
                "GRANT ALL PRIVILEGES ON `" + DATABASE.databaseName() + "`.* TO '" + user + "'@'%'");
    }

    /** Everything the worker stored in its config topic: connector configs, task configs, target states. */
    private static String configTopicContents() {
        StringBuilder contents = new StringBuilder();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            String topic = stack.worker().config().get("config.storage.topic");
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await("the whole config topic").atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    contents.append(record.key()).append(" = ").append(record.value()).append('\n');
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return contents.toString();
    }

    private static int countRows(String table) throws SQLException {
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static long countDocuments() throws IOException {
        elasticsearch.client().indices().refresh(RefreshRequest.of(r -> r.index(TOPIC)));
        return elasticsearch.client().count(c -> c.index(TOPIC)).count();
    }

    private static void killSessionsOf(String user) throws SQLException {
        List<Long> sessions = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet ids = statement.executeQuery("SELECT id FROM information_schema.processlist WHERE user = '"
                    + user + "'")) {
                while (ids.next()) {
                    sessions.add(ids.getLong(1));
                }
            }
            for (long id : sessions) {
                statement.execute("KILL " + id);
            }
        }
    }

    private static void runAsAdmin(String... statements) throws SQLException {
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
