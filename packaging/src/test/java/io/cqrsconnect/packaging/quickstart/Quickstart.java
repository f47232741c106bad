package io.cqrsconnect.packaging.quickstart;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.cqrsconnect.testing.db.EmbeddedPostgresServer;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.localstack.ConnectRestClient;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.elasticsearch.client.ResponseException;

/**
 * The whole thing on one machine, on embedded defaults: a "legacy" PostgreSQL database with a shop schema, a Kafka
 * broker and a Connect worker (real processes, our plugin archives on the plugin.path), and an Elasticsearch node.
 * Changes of the legacy {@code orders} table are captured into Kafka and materialized into two read models: a
 * relational one ({@code orders_summary} in the {@code readmodels} database, a subset of the columns) and a search one
 * (the {@code orders} index). Every connector is created through the Connect REST API, as a user would. Each read model
 * is published as generation 1 under its logical name (a view, an alias), and the worker loads the rebuild REST
 * extension: {@code POST /read-models/{connector}/rebuild} builds generation 2 next to it and switches.
 *
 * <p>Capture uses our JDBC source in changelog mode: it installs a changelog table and triggers on {@code orders}
 * (no replication privileges needed) and emits Debezium-style change events, deletes included.
 *
 * <p>Run with {@code ./mvnw -Pquickstart -DskipTests verify}. It runs a short demo (a new order appears in both
 * read models), prints where everything is, and keeps running until Ctrl-C.
 */
public final class Quickstart implements AutoCloseable {

    static final String ORDERS_TOPIC = "legacy.public.orders";
    static final String REBUILD_EXTENSION = "io.cqrsconnect.rebuild.extension.ReadModelsRestExtension";
    /** The quickstart's example rebuild: the relational read model gets the order's time, which it left out. */
    static final String ADD_PLACED_AT = "{\"config\": {\"field.include.list\": \"id,customer_id,status,total,placed_at\"}}";

    private final Path pluginPath;
    private EmbeddedPostgresServer postgres;
    private ElasticsearchNode elasticsearch;
    private LocalStack stack;
    private Path readModelSecrets;

    Quickstart(Path pluginPath) {
        this.pluginPath = pluginPath;
    }

    /** Starts the stores and the stack, creates the legacy schema, and creates the three connectors. */
    Quickstart start() throws Exception {
        postgres = new EmbeddedPostgresServer();
        postgres.create("quickstart");
        postgres.execute(QuickstartSchema.LEGACY);
        postgres.execute("CREATE DATABASE readmodels");
        elasticsearch = new ElasticsearchNode().start();
        // The read model's password reaches the sink the way the README's "Secrets" section recommends: from a file
        // on the worker, through Kafka's FileConfigProvider, so the REST API shows a placeholder.
        Path workDir = LocalStack.builder().build().workDir();
        Path secrets = Files.createDirectories(workDir.resolve("secrets"));
        readModelSecrets = secrets.resolve("readmodels.properties");
        Files.writeString(readModelSecrets, "password=" + postgres.password() + "\n", StandardCharsets.UTF_8);
        stack = LocalStack.builder()
                .workDir(workDir)
                .pluginPath(pluginPath)
                .workerProperty("rest.extension.classes", REBUILD_EXTENSION)
                .workerProperty("config.providers", "file")
                .workerProperty("config.providers.file.class",
                        "org.apache.kafka.common.config.provider.FileConfigProvider")
                .workerProperty("config.providers.file.param.allowed.paths", secrets.toString())
                .build().start();

        create("legacy-capture", QuickstartConnectors.capture(postgres));
        // the task installs the changelog and its triggers when it starts (in one transaction): the shop's first
        // orders come after that, or the changelog would not hold them
        await("the changelog of orders").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> changelogInstalled());
        postgres.execute(QuickstartSchema.FIRST_ORDERS);
        create("orders-summary", QuickstartConnectors.relationalReadModel(readModelUrl(), postgres.user(),
                "${file:" + readModelSecrets + ":password}"));
        create("orders-search", QuickstartConnectors.searchReadModel(elasticsearch.httpUrl()));
        return this;
    }

    private boolean changelogInstalled() throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet table = statement.executeQuery("SELECT to_regclass('public.orders__changelog') IS NOT NULL")) {
            return table.next() && table.getBoolean(1);
        }
    }

    /** Places an order in the legacy database and waits until both read models show it; returns its id. */
    long placeOrderAndWaitForReadModels() throws SQLException {
        long id;
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
             ResultSet key = statement.executeQuery("INSERT INTO orders (customer_id, status, total, placed_at) "
                     + "VALUES (2, 'NEW', 99.90, now()) RETURNING id")) {
            key.next();
            id = key.getLong(1);
        }
        await("order " + id + " in the relational read model").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).until(() -> relationalStatus(id) != null);
        // Right after the sink creates the index its shard may not be active yet, and reads answer 503 until it is.
        await("order " + id + " in the search read model").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(ResponseException.class)
                .until(() -> searchHasOrder(id));
        return id;
    }

    /** The status the relational read model holds for an order, or null when it holds none. */
    String relationalStatus(long orderId) throws SQLException {
        return relationalColumn("status", orderId);
    }

    /**
     * A column of the relational read model for an order, as text, or null when it holds no such order (or no such
     * column: a rebuild adds them).
     */
    String relationalColumn(String column, long orderId) throws SQLException {
        try (Connection connection = java.sql.DriverManager.getConnection(readModelUrl(), postgres.user(),
                postgres.password());
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT " + column + " FROM orders_summary WHERE id = ?")) {
            statement.setLong(1, orderId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            } catch (SQLException noTableOrColumnYet) {
                return null;
            }
        }
    }

    boolean searchHasOrder(long orderId) throws IOException {
        var client = elasticsearch.client();
        if (!client.indices().exists(e -> e.index("orders")).value()) {
            return false;
        }
        return client.exists(e -> e.index("orders").id(Long.toString(orderId))).value();
    }

    String readModelUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/readmodels";
    }

    /** The Connect REST API of the worker. */
    ConnectRestClient rest() {
        return stack.rest();
    }

    /** The legacy database the changes are captured from. */
    EmbeddedPostgresServer legacy() {
        return postgres;
    }

    private void create(String name, Map<String, String> config) {
        ConnectRestClient.Response response = stack.rest().put("/connectors/" + name + "/config", config);
        if (!response.isSuccess()) {
            throw new IllegalStateException("Connect refused connector " + name + ": " + response);
        }
        await(name + " running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var status = stack.rest().get("/connectors/" + name + "/status");
            if (!status.isSuccess()) {
                return false;
            }
            var tasks = status.json().path("tasks");
            for (var task : tasks) {
                if ("FAILED".equals(task.path("state").asText())) {
                    throw new IllegalStateException(name + " failed: " + task.path("trace").asText());
                }
            }
            return tasks.size() > 0 && "RUNNING".equals(tasks.get(0).path("state").asText());
        });
    }

    private void printWhereEverythingIs(long demoOrder) {
        System.out.printf("""

                ==== cqrs-connect quickstart is running ====
                Legacy database (source)   %s  (user postgres, table orders)
                Relational read model      %s  (table orders_summary)
                Search read model          %s/orders/_search
                Connect REST API           %s/connectors
                Read model's password      %s  (a ${file:...} placeholder in orders-summary's config)
                Kafka                      %s  (topic %s)

                Order %d was just placed in the legacy database and has reached both read models.
                Try:  curl -s '%s/orders/_search?q=status:NEW&pretty'
                      curl -s %s/connectors?expand=status
                      curl -s %s/read-models

                Rebuild a read model from the history Kafka keeps, while it serves (here: add placed_at):
                      curl -s -X POST %s/read-models/orders-summary/rebuild \\
                           -H 'Content-Type: application/json' -d '%s'
                      curl -s %s/read-models/orders-summary      (state, progress, ETA; DONE after the switch)
                Press Ctrl-C to stop everything.
                """, postgres.jdbcUrl(), readModelUrl(), elasticsearch.httpUrl(), stack.connectUrl(),
                readModelSecrets, stack.bootstrapServers(), ORDERS_TOPIC, demoOrder, elasticsearch.httpUrl(),
                stack.connectUrl(), stack.connectUrl(), stack.connectUrl(), ADD_PLACED_AT, stack.connectUrl());
    }

    @Override
    public void close() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            try {
                if (elasticsearch != null) {
                    elasticsearch.close();
                }
            } finally {
                if (postgres != null) {
                    postgres.close();
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(System.getProperty("cqrs.plugin.path", "packaging/target/plugins"));
        try (Quickstart quickstart = new Quickstart(plugins)) {
            Runtime.getRuntime().addShutdownHook(new Thread(quickstart::close, "quickstart-shutdown"));
            quickstart.start();
            long order = quickstart.placeOrderAndWaitForReadModels();
            quickstart.printWhereEverythingIs(order);
            // Runs until Ctrl-C: the shutdown hook stops the worker, the broker and the stores.
            new CountDownLatch(1).await();
        }
    }
}
