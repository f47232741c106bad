package io.cqrsconnect.benchmarks;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.testing.localstack.ConnectRestClient;
import org.apache.kafka.common.TopicPartition;

/**
 * One timed rebuild of a live connector's read model, driven as a user drives it: {@code POST
 * /read-models/{connector}/rebuild} to the worker's REST extension, then {@code GET /read-models/{connector}} until
 * the rebuild is {@code DONE} (a {@code FAILED} or {@code CANCELLED} one ends the run with its status): every 250 ms
 * until the first status and from the builder's commit of its targets on, every second in between. Every 250 ms the
 * broker is asked about the builder's consumer group, so the run knows, to the poll:
 * <ul>
 *   <li>when the builder's group became stable with every partition assigned (its tasks started reading),</li>
 *   <li>when the builder had committed every target offset the coordinator set (the history, replayed),</li>
 *   <li>when the coordinator saw that and left {@code BUILDING} (the handoff began), and when it was done.</li>
 * </ul>
 */
final class RebuildRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(60);
    private static final Duration POLL = Duration.ofMillis(250);
    /**
     * How often the status is asked for while the builder replays. Each {@code GET /read-models/{connector}} reads
     * the status topic with a new consumer in the worker (85 ms on a quiet machine, 650 ms median on a loaded one):
     * asked every 250 ms throughout, it would slow what it measures.
     */
    private static final Duration QUIET_POLL = Duration.ofSeconds(1);

    private final ConnectRestClient rest;
    private final ConsumerGroupProgress progress;

    RebuildRun(ConnectRestClient rest, ConsumerGroupProgress progress) {
        this.rest = rest;
        this.progress = progress;
    }

    /**
     * What one rebuild took, every time from the {@code POST}.
     *
     * @param recordsTotal   the history the builder had to replay: from the earliest offsets to the ends the
     *                       coordinator took when it started ({@code records_total})
     * @param builderStable  when the builder's tasks had their partitions (null if no poll saw it: a short run)
     * @param replayed       when the builder had committed every target offset
     * @param leftBuilding   when the coordinator first showed a state past {@code BUILDING}
     * @param done           when it showed {@code DONE}
     * @param handoffPauseMs how long live writes were paused, as the coordinator measured it
     * @param status         the last {@code GET /read-models/{connector}} answer
     * @param loadAtDone     the machine's 1-minute load average when it was done ({@link #loadAverage})
     */
    record Measurement(long recordsTotal, Duration builderStable, Duration replayed, Duration leftBuilding,
                       Duration done, long handoffPauseMs, JsonNode status, double loadAtDone) {

        /** Records per second from the request to the coordinator leaving BUILDING: what a user waits for. */
        double requestToCaughtUp() {
            return recordsTotal / seconds(leftBuilding);
        }

        /**
         * Records per second while the builder's tasks read: from its group being stable to its commit of every
         * target, the window the steady state is measured over.
         */
        double builderReplay() {
            return recordsTotal / seconds(replayed.minus(builderStable == null ? Duration.ZERO : builderStable));
        }

        /**
         * Records the builder wrote past its targets before it was stopped: the live changes that arrived while it
         * replayed, which it writes during the handoff, with live writes paused.
         */
        long pastTargets() {
            long past = 0;
            for (JsonNode partition : status.path("rebuild").path("partitions")) {
                past += Math.max(0, partition.path("current").asLong() - partition.path("target").asLong());
            }
            return past;
        }

        private static double seconds(Duration duration) {
            return duration.toNanos() / 1e9;
        }
    }

    /** Rebuilds {@code connector}'s read model with {@code body} as the request and measures it. */
    Measurement rebuild(String connector, String body, int tasks) {
        long start = System.nanoTime();
        ConnectRestClient.Response accepted = rest.post("/read-models/" + connector + "/rebuild", body);
        if (accepted.status() != 202) {
            throw new IllegalStateException("the rebuild of " + connector + " was refused: " + accepted);
        }
        String requestedAt = accepted.json().path("requested_at").asText();
        Observation seen = new Observation(start);
        await("the rebuild of " + connector + " requested at " + requestedAt).atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> seen.observe(connector, requestedAt, tasks));
        return new Measurement(seen.status.path("rebuild").path("records_total").asLong(), seen.builderStable,
                seen.replayed == null ? seen.leftBuilding : seen.replayed, seen.leftBuilding, seen.done,
                seen.status.path("rebuild").path("handoff_pause_ms").asLong(), seen.status, loadAverage());
    }

    /** What the polls have seen so far, each moment the first poll that saw it. */
    private final class Observation {
        private final long start;
        private JsonNode status;
        private Duration builderStable;
        private Duration replayed;
        private Duration leftBuilding;
        private Duration done;
        private Duration asked = Duration.ZERO;

        Observation(long start) {
            this.start = start;
        }

        boolean observe(String connector, String requestedAt, int tasks) throws Exception {
            Duration now = Duration.ofNanos(System.nanoTime() - start);
            if (status == null || replayed != null || now.minus(asked).compareTo(QUIET_POLL) >= 0) {
                asked = now;
                ConnectRestClient.Response answer = rest.get("/read-models/" + connector);
                if (!answer.isSuccess()) {
                    return false; // a worker answers 409 or 500 while the cluster rebalances: ask again, as users do
                }
                if (!requestedAt.equals(answer.json().path("rebuild").path("started_at").asText())) {
                    return false; // the coordinator has not written this rebuild's first status yet
                }
                status = answer.json();
            }
            JsonNode rebuild = status.path("rebuild");
            String state = rebuild.path("state").asText();
            if (state.matches("FAILED|FAILING|CANCELLED|CANCELLING")) {
                throw new IllegalStateException("the rebuild of " + connector + " ended " + state + ": " + status);
            }
            String builder = rebuild.path("builder").asText("");
            if (!builder.isEmpty() && !"PREPARING".equals(state)) {
                String group = "connect-" + builder;
                String topic = rebuild.path("partitions").path(0).path("topic").asText();
                if (builderStable == null && replayed == null && progress.settled(group, topic, tasks)) {
                    builderStable = now;
                }
                if (replayed == null && progress.reached(group, targets(rebuild))) {
                    replayed = now;
                }
            }
            if (leftBuilding == null && state.matches("HANDING_OFF|SWITCHING|RESUMING|DONE")) {
                leftBuilding = now;
            }
            if ("DONE".equals(state)) {
                done = now;
                return true;
            }
            return false;
        }
    }

    /**
     * The machine's 1-minute load average ({@code /proc/loadavg}), NaN where there is none: a report shows it next
     * to each measurement, since other work on a shared machine moves the numbers more than anything measured.
     */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The offset the coordinator set each partition as the end of the history to replay. */
    private static Map<TopicPartition, Long> targets(JsonNode rebuild) {
        Map<TopicPartition, Long> targets = new HashMap<>();
        for (JsonNode partition : rebuild.path("partitions")) {
            targets.put(new TopicPartition(partition.path("topic").asText(), partition.path("partition").asInt()),
                    partition.path("target").asLong());
        }
        return targets;
    }
}
