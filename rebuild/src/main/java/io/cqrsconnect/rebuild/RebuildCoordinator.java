package io.cqrsconnect.rebuild;

import java.time.Clock;

/**
 * Takes a rebuild one step at a time ({@link #step}), each step idempotent, so a coordinator restarted anywhere
 * goes on from the last status it wrote.
 *
 * <p>The handoff never goes backwards: the live connector is stopped first and its final committed offsets read;
 * the builder runs until it has passed every one of them and is then stopped; only then does each logical name
 * switch to the new generation, which therefore holds everything the old one held and more. The live connector
 * resumes from the builder's offsets, on the new generation, with the rebuild's config changes.
 *
 * <p>The coordinator decides which step comes next; each job does its own steps: {@link RebuildPreparation} the first,
 * {@link GenerationalRebuild} or {@link InPlaceRebuild} the rest, and {@link RebuildWindDown} a cancel or a failure.
 * A step reads the live connector's config at most once ({@link LiveConfig}).
 */
final class RebuildCoordinator {

    private final RebuildConfig config;
    private final ConnectApi connect;
    private final RebuildPreparation preparation;
    private final GenerationalRebuild generational;
    private final InPlaceRebuild inPlace;
    private final RebuildWindDown windDown;
    /** Read by metrics reporters on their own threads. */
    private volatile RebuildStatus status;

    /** @param sinkClass the sink connector class this plugin's coordinator rebuilds */
    RebuildCoordinator(RebuildConfig config, String sinkClass, ConnectApi connect, TopicPositions positions,
                       ReadModelStore store, RebuildStatus status, Clock clock) {
        this.config = config;
        this.connect = connect;
        this.status = status;
        ConnectorConfigs configs = new ConnectorConfigs(store);
        BuilderProgress progress = new BuilderProgress(connect, positions, configs);
        this.preparation = new RebuildPreparation(config, sinkClass, connect, positions, store, configs, clock);
        this.generational = new GenerationalRebuild(config, connect, positions, store, configs, progress, clock);
        this.inPlace = new InPlaceRebuild(config, connect, positions, store, progress, clock);
        this.windDown = new RebuildWindDown(connect, store, progress);
    }

    RebuildStatus status() {
        return status;
    }

    /** Takes the next step the current state allows, if any, and returns the status after it. */
    RebuildStatus step() {
        if (config.cancel() && status.cancellable()) {
            return status = windDown.cancel(status);
        }
        if (config.cancel() && !status.cancellable() && !status.state().terminal()
                && status.state() != RebuildState.CANCELLING && status.state() != RebuildState.FAILING) {
            status = status.withLastError(status.inPlace()
                    ? "Too late to cancel: the model was cleared in place; the connector replays into it."
                    : "Too late to cancel: the logical names already show generation " + status.buildingGeneration()
                    + "; the rebuild finishes the handoff.");
        }
        LiveConfig live = new LiveConfig(connect, status.connector());
        if (!status.inPlace() && status.buildingGeneration() > 0
                && status.state().compareTo(RebuildState.RESUMING) < 0
                && live.generation() == status.buildingGeneration()) {
            // a status from before a crash: the live connector already runs on the new generation, so the handoff
            // is done, and only its last steps may be missing (going back would stop it or drop its generation)
            status = status.in(RebuildState.RESUMING);
        }
        status = switch (status.state()) {
            case PREPARING -> preparation.prepare(status, live);
            case CLEARING -> inPlace.clear(status, live);
            case BUILDING -> status.inPlace() ? inPlace.follow(status, live) : generational.build(status, live);
            case HANDING_OFF -> generational.handOff(status, live);
            case SWITCHING -> generational.switchNames(status, live);
            case RESUMING -> generational.resume(status, live);
            case CANCELLING -> windDown.dropPartialGeneration(status, live, RebuildState.CANCELLED);
            case FAILING -> windDown.dropPartialGeneration(status, live, RebuildState.FAILED);
            case DONE, CANCELLED, FAILED -> status;
        };
        return status;
    }

    /**
     * Ends a rebuild that cannot go on, before the switch: the builder stops and its partial generation is dropped,
     * and the live connector, if the handoff had stopped it, resumes as it was.
     */
    RebuildStatus fail(String why) {
        return status = windDown.fail(status, why);
    }
}
