package io.cqrsconnect.jdbc.source.capture;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;

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

    /** Reads one target into {@code out}; true when it filled its batch (so it has more to read now). */
    @FunctionalInterface
    public interface TargetRead {
        boolean read(int target, List<SourceRecord> out) throws SQLException;
    }

    /**
     * One poll's reads: each target that is due, once, starting one target further than the last poll, until
     * {@code maxRows} records are gathered.
     */
    public List<SourceRecord> readDue(long nowMs, int maxRows, TargetRead read) throws SQLException {
        List<SourceRecord> records = new ArrayList<>();
        for (int step = 0; step < nextRead.length && records.size() < maxRows; step++) {
            int target = (first + step) % nextRead.length;
            if (nextRead[target] <= nowMs) {
                boolean full = read.read(target, records);
                nextRead[target] = full ? nowMs : nowMs + intervalMs;
            }
        }
        first = nextRead.length == 0 ? 0 : (first + 1) % nextRead.length;
        return records;
    }

}
