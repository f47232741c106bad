package io.cqrsconnect.packaging.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.localstack.ConnectRestClient;
import io.cqrsconnect.testing.localstack.ConnectRestClient.Response;
import io.cqrsconnect.testing.localstack.ConnectWorkerProcess;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rebuild on a three-worker Connect cluster (real processes, packaged plugins and extension) survives the death of
 * the worker that drives it: SIGKILL while the new generation is being built, and Connect moves the coordinator's
 * task to another worker, which goes on from the status the dead one left in Kafka. Readers see one switch, the
 * model ends equal to everything written, and every surviving worker's {@code /read-models} answers the same.
 */
class RebuildFailoverIT {

    private static final String EXTENSION = "io.cqrsconnect.rebuild.extension.ReadModelsRestExtension";
    private static final long KEYS = 10_000;
    /** Enough history that the build takes seconds, so the kill lands in the middle of it. */
    private static final int HISTORY = 200_000;

    @RegisterExtension
    static final PostgresDatabase POSTGRES = new PostgresDatabase();

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        // A dead worker's tasks move once the group has noticed it is gone (session.timeout.ms; 6 s is the broker's
        // least) and Connect has given up waiting for it to come back (scheduled.rebalance.max.delay.ms).
        stack = LocalStack.builder().workers(3)
                .workerProperty("rest.extension.classes", EXTENSION)
                .workerProperty("session.timeout.ms", "6000")
                .workerProperty("heartbeat.interval.ms", "1000")
                .workerProperty("scheduled.rebalance.max.delay.ms", "3000")
                .build().start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aRebuildGoesOnElsewhereWhenTheWorkerDrivingItIsKilled() throws Exception {
        String connector = "accounts";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(connector, 2, (short) 1))).all().get();
        }
        try (ClockChanges changes = new ClockChanges(stack.bootstrapServers(), connector, KEYS);
             ReadModelView view = new JdbcReadModelView(POSTGRES, "accounts")) {
            changes.history(HISTORY);
            Response created = stack.rest().put("/connectors/" + connector + "/config",
                    LiveSinks.jdbc(POSTGRES, connector, "accounts"));
            assertThat(created.isSuccess()).as("%s", created).isTrue();
            await("the live connector to serve the history").atMost(Duration.ofSeconds(180)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(view.clocks()).isEqualTo(changes.expected()));

            ConnectWorkerProcess killed;
            List<ConnectWorkerProcess> survivors;
            JsonNode model;
            LiveLoad load = LiveLoad.start(changes, view);
            try {
                ReadModelsApi first = new ReadModelsApi(stack.worker().url());
                String requestedAt = first.rebuild(connector, LiveSinks.ADD_THE_NOTE, false);
                String driver = awaitDriverWhileBuilding(first, connector, requestedAt);
                killed = stack.workers().stream().filter(worker -> worker.url().endsWith("//" + driver)).findFirst()
                        .orElseThrow();
                killed.kill();
                survivors = stack.workers().stream().filter(worker -> worker != killed).toList();
                System.out.printf("Killed worker %s, which drove the rebuild of %s while it was BUILDING%n", driver,
                        connector);

                model = new ReadModelsApi(survivors.get(0).url()).awaitEnd(connector, requestedAt,
                        Duration.ofSeconds(120));
                long switchedAt = changes.count();
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
            assertThat(load.firstReadLackedTheExtraField()).isTrue();
            assertThat(load.switches()).as("exactly one switch").isEqualTo(1);
            assertThat(model.path("serving_generation").asInt()).isEqualTo(2);
            assertThat(rebuild.path("records_done").asLong()).isEqualTo(rebuild.path("records_total").asLong())
                    .isGreaterThanOrEqualTo(HISTORY);
            ConnectRestClient survivor = new ConnectRestClient(survivors.get(0).url());
            String newDriver = coordinatorTask(survivor, connector).path("worker_id").asText();
            assertThat(killed.url()).as("the coordinator moved").doesNotEndWith("//" + newDriver);
            // wherever Connect placed it, the coordinator reaches the REST API through a worker that is still up,
            // also when the dead one is the worker the rebuild request came in on (the config endpoint answers 500
            // while the cluster rebalances: ask again)
            await("the coordinator's REST URLs").atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                String urls = survivor.get("/connectors/" + connector + "-rebuild/config").json()
                        .path("rebuild.connect.url").asText();
                assertThat(survivors).as("survivors among %s", urls).anyMatch(worker -> urls.contains(worker.url()
                        + "/"));
            });
            await("every surviving worker to answer the same").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(new ReadModelsApi(survivors.get(1).url()).show(connector))
                            .isEqualTo(new ReadModelsApi(survivors.get(0).url()).show(connector)));
            System.out.printf("Rebuild of %s finished on %s: %d records replayed, %d reads during it, handoff "
                            + "paused live writes %d ms%n", connector, newDriver, rebuild.path("records_total")
                    .asLong(), load.reads(), rebuild.path("handoff_pause_ms").asLong());
        }
    }

    /**
     * Waits until the rebuild builds and its coordinator's task runs, and returns the worker running that task
     * ({@code host:port}, Connect's worker id).
     */
    private static String awaitDriverWhileBuilding(ReadModelsApi readModels, String connector, String requestedAt) {
        ConnectRestClient rest = stack.rest();
        String[] driver = new String[1];
        await("the rebuild of " + connector + " to build on a worker").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                    JsonNode task = coordinatorTask(rest, connector);
                    driver[0] = task.path("worker_id").asText();
                    return "RUNNING".equals(task.path("state").asText())
                            && "BUILDING".equals(readModels.state(connector, requestedAt));
                });
        return driver[0];
    }

    /** {@code tasks[0]} of {@code GET /connectors/<connector>-rebuild/status}: the one task driving the rebuild. */
    private static JsonNode coordinatorTask(ConnectRestClient rest, String connector) {
        return rest.get("/connectors/" + connector + "-rebuild/status").json().path("tasks").path(0);
    }
}
