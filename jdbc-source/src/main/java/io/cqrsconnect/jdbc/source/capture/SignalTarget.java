package io.cqrsconnect.jdbc.source.capture;

import java.util.Set;

import io.cqrsconnect.jdbc.common.TableId;

/** A reader a snapshot signal can reach: the query-based modes' and the changelog's. */
public interface SignalTarget {

    /** The table it captures; null for a query (never snapshotted). */
    TableId signalTable();

    /** Starts a snapshot of its table for signal {@code signalId} unless that one ran already; true when it does. */
    boolean resnapshot(String signalId);

    /** Forgets executed signals whose ids are no longer in the signal table. */
    void retainSignals(Set<String> present);
}
