package io.cqrsconnect.rebuild;

/**
 * Where a rebuild is. The states follow each other in this order ({@link #CLEARING}, of a rebuild in place, comes
 * last so that the {@code rebuild-state} metric keeps its numbers for the others); a cancel or a failure can end any
 * state before {@link #SWITCHING}, never one after it (once readers see the new generation there is no way back, so the
 * coordinator only goes forward).
 *
 * <pre>
 * PREPARING -> BUILDING -> HANDING_OFF -> SWITCHING -> RESUMING -> DONE
 *      |           |            |
 *      +-----------+------------+--> CANCELLING -> CANCELLED   (on request)
 *                                +--> FAILING    -> FAILED      (with last_error)
 *
 * in place:  PREPARING -> CLEARING -> BUILDING -> DONE
 *                |
 *                +--> CANCELLING -> CANCELLED      (after PREPARING the model is cleared: failures are retried)
 * </pre>
 *
 * <p>In place ({@code rebuild.in.place}), there is no second generation: the live connector is stopped, its model
 * cleared and its offsets reset ({@link #CLEARING}), and it replays into the model it serves ({@link #BUILDING})
 * until it has caught up with the targets; readers see the model empty and refilling meanwhile.
 */
public enum RebuildState {
    /** Checking the live connector and its topics' history, creating the connector that builds the next one. */
    PREPARING,
    /**
     * The next generation is being built from the earliest retained offsets; the serving one is untouched. When the
     * builder reaches the end offsets taken at the start, the targets move to the topics' new ends until what is
     * left is about a second of the builder's work.
     */
    BUILDING,
    /**
     * The next generation has caught up with its targets: the live connector is stopped (the pause in live writes
     * begins) and the builder runs until it has passed every offset the live connector wrote.
     */
    HANDING_OFF,
    /** The builder is stopped past the live connector's offsets; each logical name is switched atomically. */
    SWITCHING,
    /** The live connector gets the builder's offsets and config and is resumed on the new generation. */
    RESUMING,
    /** Switched and resumed; generations beyond the ones kept are retired. */
    DONE,
    /** Cancel requested: the builder is stopping; its partial generation is dropped once it has. */
    CANCELLING,
    /** Cancelled on request: the partial generation is dropped and the live model was never touched. */
    CANCELLED,
    /** A problem that cannot be retried: the builder is stopping; its partial generation is dropped once it has. */
    FAILING,
    /** Stopped by a problem it cannot retry (see the status's last error); the live model was never touched. */
    FAILED,
    /**
     * In place only: the live connector is stopped; once its tasks are gone its model is cleared, its offsets go
     * back to the start of the history and it resumes, with the rebuild's config changes.
     */
    CLEARING;


    /** A state the coordinator does nothing more in. */
    public boolean terminal() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }

    /** Whether live writes are paused: from the live connector's stop to its resume (on the new generation). */
    public boolean pausesLiveWrites() {
        return this == CLEARING || this == HANDING_OFF || this == SWITCHING || this == RESUMING;
    }

    /** Whether a cancel still leaves the live model as it was: only before the logical names switch. */
    public boolean cancellable() {
        return this == PREPARING || this == BUILDING || this == HANDING_OFF;
    }
}
