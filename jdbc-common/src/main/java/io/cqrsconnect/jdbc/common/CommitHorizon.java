package io.cqrsconnect.jdbc.common;

import java.time.Instant;
import java.util.Objects;

/**
 * What the database said, at one moment, of the write transactions still in flight: the answer a source needs to
 * read incrementally without skipping rows that commit late ({@link SourceDialect#commitHorizon}).
 *
 * <p>Every transaction that was still open when this was read started at or after {@code horizon}, so a row it
 * writes with a timestamp taken from the database's clock inside that transaction is not older than
 * {@code horizon}: once a read sees every committed row with a timestamp before the horizon, no row older than it
 * can appear later. And every transaction that was open at an earlier reading's {@code observedAt} has ended once
 * a later reading's horizon is after that {@code observedAt}: an id seen missing then ({@code a gap}) either
 * committed by now, or never will.
 *
 * @param horizon the start of the oldest transaction still open (or, where the database cannot tell, the clock
 *                minus the configured look-back window); never after {@code observedAt}
 * @param observedAt the database's clock when this was read
 */
public record CommitHorizon(Instant horizon, Instant observedAt) {

    public CommitHorizon {
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(observedAt, "observedAt");
        if (horizon.isAfter(observedAt)) {
            horizon = observedAt;
        }
    }

    /** True when every transaction open at {@code earlier} has ended by the time this was read. */
    public boolean passed(Instant earlier) {
        return horizon.isAfter(earlier);
    }
}
