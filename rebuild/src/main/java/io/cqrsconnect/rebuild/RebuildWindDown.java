package io.cqrsconnect.rebuild;

import java.util.Locale;

import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a rebuild before the switch, on request or on a problem it cannot retry, leaving the live model as it was: the
 * builder stops, the live connector resumes if the handoff had stopped it, and once the builder has stopped its
 * partial generation is dropped and the builder deleted.
 */
final class RebuildWindDown {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildWindDown.class);

    private final ConnectApi connect;
    private final ReadModelStore store;
    private final BuilderProgress progress;

    RebuildWindDown(ConnectApi connect, ReadModelStore store, BuilderProgress progress) {
        this.connect = connect;
        this.store = store;
        this.progress = progress;
    }

    RebuildStatus cancel(RebuildStatus status) {
        LOG.info("Rebuild of '{}' cancelled in {}: stopping the builder, then dropping generation {}",
                status.connector(), status.state(), status.buildingGeneration());
        return windDown(status, RebuildState.CANCELLING).withLastError(null);
    }

    /**
     * Ends a rebuild that cannot go on, before the switch: the builder stops and its partial generation is dropped,
     * and the live connector, if the handoff had stopped it, resumes as it was.
     */
    RebuildStatus fail(RebuildStatus status, String why) {
        LOG.error("Rebuild of '{}' stopped: {}", status.connector(), why);
        return windDown(status, RebuildState.FAILING).withLastError("Rebuild of '" + status.connector()
                + "' stopped: " + why + ".");
    }

    /**
     * Drops the partial generation once the builder has stopped (a builder still running could create its table or
     * index again after the drop), then deletes the builder.
     */
    RebuildStatus dropPartialGeneration(RebuildStatus status, LiveConfig live, RebuildState end) {
        if (status.builder() != null && !status.inPlace()) {
            var builder = connect.state(status.builder());
            if (builder.isPresent() && (!builder.get().stopped() || progress.stillWriting(status, live.get()))) {
                connect.stop(status.builder());
                return status;
            }
            for (String name : status.logicalNames()) {
                ReadModelGeneration partial = new ReadModelGeneration(name, status.buildingGeneration());
                try {
                    if (store.names().generations(name).contains(partial)) {
                        store.names().retire(partial);
                    }
                } catch (Exception e) {
                    throw new RetriableException("could not drop the partial generation " + partial + ": " + e, e);
                }
            }
            connect.delete(status.builder());
        }
        LOG.info("Rebuild of '{}' {}: generation {} dropped, the live model untouched", status.connector(),
                end.name().toLowerCase(Locale.ROOT), status.buildingGeneration());
        return status.in(end);
    }

    /** Stops the builder, and resumes the live connector when the handoff had stopped it: it serves on as before. */
    private RebuildStatus windDown(RebuildStatus status, RebuildState next) {
        if (status.builder() != null && !status.inPlace()) {
            connect.stop(status.builder());
        }
        if (status.state() == RebuildState.HANDING_OFF || status.state() == RebuildState.CLEARING) {
            connect.resume(status.connector());
        }
        return status.in(next);
    }
}
