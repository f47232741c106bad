package io.cqrsconnect.rebuild;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a rebuild has done so far: what the coordinator keeps in the status topic (so a restarted coordinator goes on
 * from there) and what {@code GET /read-models/{connector}} answers.
 *
 * @param connector          the live connector whose read model is rebuilt
 * @param builder            the connector building the next generation, named once that is known
 * @param servingGeneration  the generation readers see until the switch
 * @param buildingGeneration the generation being built
 * @param logicalNames       the names readers use, switched at the handoff (known once switched)
 * @param ratePerSecond      records the builder wrote per second over the last minute
 * @param etaSeconds         seconds until the builder reaches its targets at that rate, -1 when unknown
 * @param startedAt          ISO-8601 instant the rebuild was requested
 * @param handoffStartedAtMs when the live connector was stopped for the handoff (epoch ms), 0 before
 * @param handoffPauseMs     how long the live connector did not write, once resumed
 * @param lastError          the last problem met, retried or final, or null
 * @param inPlace            an in-place rebuild: the live connector itself replays into its cleared model (readers
 *                           see it emptied and refilled), no builder, no new generation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RebuildStatus(
        @JsonProperty("connector") String connector,
        @JsonProperty("builder") String builder,
        @JsonProperty("state") RebuildState state,
        @JsonProperty("serving_generation") int servingGeneration,
        @JsonProperty("building_generation") int buildingGeneration,
        @JsonProperty("logical_names") List<String> logicalNames,
        @JsonProperty("config_overrides") Map<String, String> configOverrides,
        @JsonProperty("partitions") List<PartitionProgress> partitions,
        @JsonProperty("records_per_second") double ratePerSecond,
        @JsonProperty("eta_seconds") long etaSeconds,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("handoff_started_at_ms") long handoffStartedAtMs,
        @JsonProperty("handoff_pause_ms") long handoffPauseMs,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("in_place") boolean inPlace) {

    public RebuildStatus {
        logicalNames = logicalNames == null ? List.of() : List.copyOf(logicalNames);
        configOverrides = configOverrides == null ? Map.of() : Map.copyOf(configOverrides);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /** A rebuild just requested. */
    public static RebuildStatus requested(String connector, Map<String, String> overrides, String startedAt,
                                          boolean inPlace) {
        return new RebuildStatus(connector, null, RebuildState.PREPARING, 0, 0, List.of(), overrides, List.of(),
                0, -1, startedAt, 0, 0, null, inPlace);
    }

    @JsonProperty("records_done")
    public long recordsDone() {
        return partitions.stream().mapToLong(PartitionProgress::done).sum();
    }

    @JsonProperty("records_total")
    public long recordsTotal() {
        return partitions.stream().mapToLong(PartitionProgress::total).sum();
    }

    /** Share of the records to the targets written, 0-100; 100 when there was nothing to write. */
    @JsonProperty("percent")
    public double percent() {
        long total = recordsTotal();
        return total == 0 ? (state == RebuildState.PREPARING ? 0 : 100)
                : Math.floor(1000.0 * recordsDone() / total) / 10;
    }

    /** Whether the builder has reached every target: the handoff can begin. */
    @JsonProperty("caught_up")
    public boolean caughtUp() {
        return state != RebuildState.PREPARING && partitions.stream().allMatch(p -> p.current() >= p.target());
    }

    /**
     * Whether a cancel still leaves the live model as it was: before the logical names switch, or in place before
     * the model is cleared.
     */
    public boolean cancellable() {
        return inPlace ? state == RebuildState.PREPARING : state.cancellable();
    }

    public RebuildStatus in(RebuildState next) {
        return new RebuildStatus(connector, builder, next, servingGeneration, buildingGeneration, logicalNames,
                configOverrides, partitions, ratePerSecond, etaSeconds, startedAt, handoffStartedAtMs, handoffPauseMs,
                lastError, inPlace);
    }

    /**
     * The generations, and the connector that writes the one being built: a builder named after it, or in place the
     * live connector itself.
     */
    public RebuildStatus withGenerations(int serving, int building) {
        return new RebuildStatus(connector, inPlace ? connector : connector + "-rebuild-g" + building, state, serving,
                building, logicalNames, configOverrides, partitions, ratePerSecond, etaSeconds, startedAt,
                handoffStartedAtMs, handoffPauseMs, lastError, inPlace);
    }

    public RebuildStatus withLogicalNames(List<String> names) {
        return new RebuildStatus(connector, builder, state, servingGeneration, buildingGeneration, names,
                configOverrides, partitions, ratePerSecond, etaSeconds, startedAt, handoffStartedAtMs, handoffPauseMs,
                lastError, inPlace);
    }

    public RebuildStatus withPartitions(List<PartitionProgress> progress) {
        return new RebuildStatus(connector, builder, state, servingGeneration, buildingGeneration, logicalNames,
                configOverrides, progress, ratePerSecond, etaSeconds, startedAt, handoffStartedAtMs, handoffPauseMs,
                lastError, inPlace);
    }

    public RebuildStatus withRate(double perSecond, long eta) {
        return new RebuildStatus(connector, builder, state, servingGeneration, buildingGeneration, logicalNames,
                configOverrides, partitions, perSecond, eta, startedAt, handoffStartedAtMs, handoffPauseMs,
                lastError, inPlace);
    }

    public RebuildStatus withHandoff(long startedAtMs, long pauseMs) {
        return new RebuildStatus(connector, builder, state, servingGeneration, buildingGeneration, logicalNames,
                configOverrides, partitions, ratePerSecond, etaSeconds, startedAt, startedAtMs, pauseMs, lastError,
                inPlace);
    }

    public RebuildStatus withLastError(String error) {
        return new RebuildStatus(connector, builder, state, servingGeneration, buildingGeneration, logicalNames,
                configOverrides, partitions, ratePerSecond, etaSeconds, startedAt, handoffStartedAtMs, handoffPauseMs,
                error, inPlace);
    }
}
