package io.cqrsconnect.benchmarks;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.testing.localstack.ConnectRestClient;
import org.apache.kafka.common.TopicPartition;

/**
 * One timed run of a sink connector in the worker process, driven only through the Connect REST API: create it, wait
 * until its tasks run and their consumer group is stable with every partition assigned (the clock starts), wait
 * until the data has arrived (the clock stops), then until the group has committed the whole topic (untimed), and
 * delete it. The CPU every process group used is read when the clock starts and stops. Task start-up is outside the
 * measured time, so short runs do not punish fast connectors.
 *
 * <p>What "arrived" means is the benchmark's: by default the group's commit of the whole topic; where the store can
 * tell, the store holding the last change of every partition, so the worker's offset commit interval (up to a second
 * after the last write) does not count against the faster runs.
 */
final class ConnectorRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final ConnectRestClient rest;
    private final ConsumerGroupProgress progress;
    private final CpuMeter cpu;

    ConnectorRun(ConnectRestClient rest, ConsumerGroupProgress progress, CpuMeter cpu) {
        this.rest = rest;
        this.progress = progress;
        this.cpu = cpu;
    }

    /** What one run measured: the time and the CPU used from all tasks running to all records committed. */
    record Measurement(Duration elapsed, CpuMeter.Reading cpu) {
    }

    /** Runs the connector and measures it until its group has committed the whole topic. */
    Measurement run(String name, Map<String, String> config, String topic) {
        return run(name, config, topic, () -> progress.lag("connect-" + name, topic) == 0);
    }

    /**
     * Runs the connector and measures it until its group has committed {@code targets}, the topic's ends when it
     * started: a topic that keeps growing (live updates) has no moment when nothing is left to commit.
     */
    Measurement runTo(String name, Map<String, String> config, String topic, Map<TopicPartition, Long> targets) {
        Callable<Boolean> reached = () -> progress.reached("connect-" + name, targets);
        return run(name, config, topic, reached, reached);
    }

    /** Runs the connector and measures it until {@code arrived} is true; then waits for its commits, untimed. */
    Measurement run(String name, Map<String, String> config, String topic, Callable<Boolean> arrived) {
        return run(name, config, topic, arrived, () -> progress.lag("connect-" + name, topic) == 0);
    }

    private Measurement run(String name, Map<String, String> config, String topic, Callable<Boolean> arrived,
                            Callable<Boolean> committed) {
        int tasks = Integer.parseInt(config.getOrDefault("tasks.max", "1"));
        ConnectRestClient.Response created = rest.put("/connectors/" + name + "/config", config);
        if (!created.isSuccess()) {
            throw new IllegalStateException("creating " + name + " failed: " + created);
        }
        try {
            await(name + " tasks running").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> runningTasks(rest, name) >= tasks);
            // The benchmark's broker holds a new group's first assignment until its members have joined (the
            // production default delay), so nothing is consumed before this and no rebalance follows it.
            await(name + " consumer group settled").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> progress.settled("connect-" + name, topic, tasks));
            CpuMeter.Reading before = cpu.read();
            long start = System.nanoTime();
            await(name + " caught up with " + topic).atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> runningTasks(rest, name) >= tasks && arrived.call());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            CpuMeter.Reading used = cpu.read().minus(before);
            await(name + " committed " + topic).atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> runningTasks(rest, name) >= tasks && committed.call());
            return new Measurement(elapsed, used);
        } finally {
            rest.delete("/connectors/" + name);
        }
    }

    /** Running tasks; a failed task ends the run with its trace, since waiting longer cannot help. */
    static int runningTasks(ConnectRestClient rest, String name) {
        ConnectRestClient.Response status = rest.get("/connectors/" + name + "/status");
        if (status.status() == 404) {
            return 0;
        }
        int running = 0;
        for (JsonNode task : status.json().path("tasks")) {
            String state = task.path("state").asText();
            if ("FAILED".equals(state)) {
                throw new IllegalStateException(name + " task " + task.path("id").asText() + " failed: "
                        + task.path("trace").asText());
            }
            if ("RUNNING".equals(state)) {
                running++;
            }
        }
        return running;
    }
}
