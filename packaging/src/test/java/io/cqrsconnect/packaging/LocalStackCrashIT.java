package io.cqrsconnect.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.testing.localstack.ConnectWorkerProcess;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack can crash its worker (SIGKILL, as an OOM kill would) and put a new worker process in its place,
 * and the new worker takes over the connector's tasks: the ground crash tests of our connectors stand on.
 */
class LocalStackCrashIT {

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        // A lost task is given to a new worker at the next rebalance; this bounds how long the group waits for the
        // dead one to come back.
        stack = LocalStack.builder().workerProperty("scheduled.rebalance.max.delay.ms", "5000").build().start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aNewWorkerTakesOverTheTasksOfAKilledOne() {
        String name = "heartbeats";
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.mirror.MirrorHeartbeatConnector");
        config.put("tasks.max", "1");
        config.put("source.cluster.alias", "here");
        config.put("target.cluster.alias", "there");
        config.put("source.cluster.bootstrap.servers", stack.bootstrapServers());
        config.put("target.cluster.bootstrap.servers", stack.bootstrapServers());
        config.put("heartbeats.topic.replication.factor", "1");
        config.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        assertThat(stack.rest().put("/connectors/" + name + "/config", config).status()).isEqualTo(201);
        String firstWorker = awaitTaskRunning(name);

        ConnectWorkerProcess killedOne = stack.worker();
        ConnectWorkerProcess replacement = stack.crashAndReplaceWorker();

        assertThat(killedOne.process().isAlive()).isFalse();
        assertThat(killedOne.process().exitCode()).hasValue(137);
        String secondWorker = awaitTaskRunning(name);
        assertThat(secondWorker).isNotEqualTo(firstWorker)
                .isEqualTo(replacement.url().substring("http://".length()));
    }

    /** Waits until the connector's task runs and returns the worker it runs on. */
    private static String awaitTaskRunning(String name) {
        String[] workerId = new String[1];
        await(name + " task running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonNode status = stack.rest().get("/connectors/" + name + "/status").json();
                    assertThat(status.at("/tasks/0/state").asText()).as(status.toString()).isEqualTo("RUNNING");
                    assertThat(stack.worker().url()).contains(status.at("/tasks/0/worker_id").asText());
                    workerId[0] = status.at("/tasks/0/worker_id").asText();
                });
        return workerId[0];
    }
}
