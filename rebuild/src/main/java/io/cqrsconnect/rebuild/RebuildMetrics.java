package io.cqrsconnect.rebuild;

import java.util.function.Supplier;

import io.cqrsconnect.common.metrics.TaskMetrics;

/**
 * A rebuild's progress as metrics of its coordinator task, for the dashboards and alerts a platform team already has:
 * the same figures {@code GET /read-models/{connector}} answers, read from the coordinator's latest status whenever a
 * reporter asks.
 */
final class RebuildMetrics {

    RebuildMetrics(TaskMetrics metrics, Supplier<RebuildStatus> status) {
        metrics.gauge("rebuild-state", "The rebuild's state, as the position in PREPARING, BUILDING, HANDING_OFF, "
                + "SWITCHING, RESUMING, DONE, CANCELLING, CANCELLED, FAILING, FAILED, CLEARING (0 to 10; CLEARING "
                + "only in place)",
                () -> status.get().state().ordinal());
        metrics.gauge("rebuild-serving-generation", "The generation readers see until the switch",
                () -> status.get().servingGeneration());
        metrics.gauge("rebuild-building-generation", "The generation being built",
                () -> status.get().buildingGeneration());
        metrics.gauge("rebuild-records-done", "Records the builder has written from the start to the targets",
                () -> status.get().recordsDone());
        metrics.gauge("rebuild-records-total", "Records from the start to the targets taken when the rebuild began",
                () -> status.get().recordsTotal());
        metrics.gauge("rebuild-records-per-second", "Records the builder wrote per second over the last minute",
                () -> Math.round(status.get().ratePerSecond()));
        metrics.gauge("rebuild-eta-seconds", "Seconds until the builder reaches its targets at that rate, -1 when "
                + "unknown", () -> status.get().etaSeconds());
        metrics.gauge("rebuild-handoff-pause-ms", "How long the live connector did not write during the handoff, "
                + "once it resumed", () -> status.get().handoffPauseMs());
    }
}
