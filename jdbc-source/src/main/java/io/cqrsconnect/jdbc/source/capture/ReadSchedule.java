package io.cqrsconnect.jdbc.source.capture;

import java.time.Duration;

/**
 * When each of a task's targets is read next: one that filled its batch at once again, one that had no more rows
 * after {@code poll.interval.ms}. A poll with nothing due waits for the first one due, at most a second, so the
 * worker's thread comes back to check for a stop. Each poll starts one target further ({@link #target}), so a target
 * that fills every batch (a snapshot) does not starve the others.
 */
public final class ReadSchedule {

    private static final long MAX_IDLE_WAIT_MS = 1_000L;

    private final long[] nextRead;
    private final long intervalMs;
    private int first;

    public ReadSchedule(int targets, Duration pollInterval) {
        this.nextRead = new long[targets];
        this.intervalMs = pollInterval.toMillis();
    }

    /** How long to wait before any target is due, 0 when one is. */
    public long waitMs(long nowMs) {
        long earliest = Long.MAX_VALUE;
        for (long next : nextRead) {
            earliest = Math.min(earliest, next);
        }
        return earliest > nowMs ? Math.min(earliest - nowMs, MAX_IDLE_WAIT_MS) : 0;
    }

    /** The target to consider at {@code step} (0, 1, ...) of this poll. */
    public int target(int step) {
        return (first + step) % nextRead.length;
    }

    /** After a poll: the next one starts one target further. */
    public void polled() {
        first = nextRead.length == 0 ? 0 : (first + 1) % nextRead.length;
    }

    public boolean due(int target, long nowMs) {
        return nextRead[target] <= nowMs;
    }

    /** After reading a target: due again at once when its batch was full, else after the poll interval. */
    public void read(int target, boolean full, long nowMs) {
        nextRead[target] = full ? nowMs : nowMs + intervalMs;
    }
}
