package io.cqrsconnect.jdbc.source.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far one table's snapshot has got: rows read, about how many the table holds, whether it runs. Read-only to
 * everyone but its {@link TableSnapshot}, and safe to read from another thread (metrics). It logs at INFO when the
 * snapshot starts, at most every {@link #LOG_EVERY} while it runs, and when it ends, with duration and rate.
 *
 * <p>Rows done count from this task's start: a snapshot resumed after a restart counts the rows it still reads.
 */
public final class SnapshotProgress {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotProgress.class);
    /** Often enough to see a snapshot move, rarely enough not to flood the log of a long one. */
    static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final String table;
    private volatile long rowsDone;
    private volatile long rowsTotal = -1;
    private volatile boolean running;
    private Instant startedAt;
    private Instant loggedAt;

    SnapshotProgress(String table) {
        this.table = table;
    }

    /** The table, as the task prints it. */
    public String table() {
        return table;
    }

    /** Rows read by this snapshot since the task started. */
    public long rowsDone() {
        return rowsDone;
    }

    /** About how many rows the table held when the snapshot started (the database's statistic); -1 if unknown. */
    public long rowsTotal() {
        return rowsTotal;
    }

    /** True while the snapshot reads the table. */
    public boolean running() {
        return running;
    }

    void started(long estimate, boolean resumed) {
        rowsTotal = estimate;
        rowsDone = 0;
        running = true;
        startedAt = Instant.now();
        loggedAt = startedAt;
        LOG.info("Snapshot of {} {}: about {} rows", table, resumed ? "resumed after its last committed chunk"
                : "started", estimate < 0 ? "?" : estimate);
    }

    void read(int rows) {
        rowsDone += rows;
        Instant now = Instant.now();
        if (Duration.between(loggedAt, now).compareTo(LOG_EVERY) >= 0) {
            loggedAt = now;
            LOG.info("Snapshot of {}: {} of about {} rows ({}), {} rows/s", table, rowsDone,
                    rowsTotal < 0 ? "?" : rowsTotal, percent(), rate(now));
        }
    }

    void ended() {
        running = false;
        Instant now = Instant.now();
        LOG.info("Snapshot of {} done: {} rows in {} ms, {} rows/s", table, rowsDone,
                Duration.between(startedAt, now).toMillis(), rate(now));
    }

    private String percent() {
        return rowsTotal <= 0 ? "?%" : String.format(Locale.ROOT, "%.1f%%", Math.min(100.0,
                100.0 * rowsDone / rowsTotal));
    }

    private long rate(Instant now) {
        long ms = Math.max(1, Duration.between(startedAt, now).toMillis());
        return rowsDone * 1000 / ms;
    }

    @Override
    public String toString() {
        return "snapshot of " + table + ": " + rowsDone + "/" + rowsTotal + (running ? " running" : "");
    }
}
