package io.cqrsconnect.rebuild;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cqrsconnect.common.offsets.CommitRequests;
import io.cqrsconnect.common.readmodel.FirstGenerationPublisher;

/**
 * The configs a rebuild gives the connectors it runs, each derived from the live connector's: the builder's, the live
 * connector's own for a replay in place, and the one it resumes with on the new generation. A connector that replays
 * commits at least every second, as the coordinator follows it by its committed offsets (progress, handoff).
 */
final class ConnectorConfigs {

    static final String GENERATION_CONFIG = FirstGenerationPublisher.GENERATION_CONFIG;
    /** The longest {@code offset.commit.interval.ms} a builder runs with. */
    static final long BUILDER_COMMIT_INTERVAL_MS = 1_000;

    private final ReadModelStore store;

    ConnectorConfigs(ReadModelStore store) {
        this.store = store;
    }

    /** The live connector's config with the rebuild's changes, under the builder's name and next generation. */
    Map<String, String> builder(Map<String, String> live, RebuildStatus named) {
        Map<String, String> builder = new LinkedHashMap<>(live);
        builder.putAll(store.replaySettings(live));
        builder.putAll(named.configOverrides());
        builder.put("name", named.builder());
        builder.put(GENERATION_CONFIG, Integer.toString(named.buildingGeneration()));
        committingOften(builder);
        if (builder.containsKey("consumer.override.group.id")) {
            // its own consumer group, or it would share the live connector's offsets
            builder.put("consumer.override.group.id", "connect-" + named.builder());
        }
        return builder;
    }

    /**
     * The config the connector replays in place with: the rebuild's changes, and a commit every second so the
     * coordinator follows the replay closely ({@link InPlaceRebuild} gives it its own interval back once caught up).
     * Applied, it also tells a restarted coordinator that clearing is done; when it changes nothing (no changes, and
     * the connector commits that often already) a restarted coordinator cannot tell and clears again, which loses
     * nothing, since the connector has not resumed.
     */
    static Map<String, String> replayingInPlace(Map<String, String> live, RebuildStatus status) {
        Map<String, String> replaying = withChanges(live, status);
        committingOften(replaying);
        return replaying;
    }

    /** The config the live connector resumes with after the switch: the rebuild's changes, on the new generation. */
    static Map<String, String> resumingOnNewGeneration(Map<String, String> live, RebuildStatus status) {
        Map<String, String> resuming = withChanges(live, status);
        resuming.put(GENERATION_CONFIG, Integer.toString(status.buildingGeneration()));
        return resuming;
    }

    /** The generation a connector's config writes; -1 when the setting is not a number. */
    static int generationOf(Map<String, String> config) {
        long generation = number(config.getOrDefault(GENERATION_CONFIG, "0"), -1);
        // the setting is an INT: a number past its range is as wrong as no number
        return generation == (int) generation ? (int) generation : -1;
    }

    /** The live config with the rebuild's changes, less those meant for the builder's replay only. */
    private static Map<String, String> withChanges(Map<String, String> live, RebuildStatus status) {
        Map<String, String> changed = new LinkedHashMap<>(live);
        status.configOverrides().forEach((key, value) -> {
            if (!key.startsWith(RebuildConfig.REPLAY_PREFIX)) {
                changed.put(key, value);
            }
        });
        return changed;
    }

    /**
     * Has the connector with this config ask for a commit every second, whatever the worker's
     * offset.flush.interval.ms, or more often if it says so.
     */
    private static void committingOften(Map<String, String> config) {
        long interval = number(config.get(CommitRequests.INTERVAL_CONFIG), 0);
        if (interval <= 0 || interval > BUILDER_COMMIT_INTERVAL_MS) {
            config.put(CommitRequests.INTERVAL_CONFIG, Long.toString(BUILDER_COMMIT_INTERVAL_MS));
        }
    }

    /** A whole-number setting; {@code otherwise} when it is absent or not a number. */
    private static long number(String value, long otherwise) {
        try {
            return value == null ? otherwise : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
