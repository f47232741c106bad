package io.cqrsconnect.jdbc.source.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.jdbc.source.capture.SnapshotProgress;

/**
 * One captured table's metrics, tagged {@code table}: records captured, how far behind the database's clock its
 * capture is ({@code milliseconds-behind-source}, Debezium's name for the same measure), and its snapshot's progress.
 *
 * <p>The lag is measured at each read of the table against the database's clock read in the same poll: while a read
 * fills its batch (there is more to read), the clock minus the time of the last change read; once a read finds
 * nothing more, what the capture still holds back: in the timestamp modes the clock minus the commit horizon (rows
 * stamped after the start of the oldest open transaction wait until it ends), otherwise 0. Modes that know no change
 * time (bulk, incrementing) report -1.
 */
public final class TableMetrics {

    /** The value of the lag while it is not known. */
    public static final long UNKNOWN = -1;

    private final TaskMetrics.Counter captured;
    private final boolean timed;
    private volatile long lagMs = UNKNOWN;

    /**
     * @param timed    whether the table's mode knows when each change was made (the timestamp modes, changelog)
     * @param snapshot the table's current or last snapshot, or null when none ran; read from the reporter's thread
     */
    TableMetrics(TaskMetrics metrics, String table, boolean timed, Supplier<SnapshotProgress> snapshot) {
        this.timed = timed;
        Map<String, String> tags = Map.of("table", table);
        captured = metrics.counter("records-captured", "records captured from the table (rows, change events and "
                + "tombstones)", tags);
        metrics.gauge("milliseconds-behind-source", "How far behind the database's clock the table's capture is, in "
                + "milliseconds: while there is more to read, the clock minus the time of the last change read; "
                + "once caught up, what commit safety still holds back (timestamp modes) or 0; -1 in modes that know "
                + "no change time (bulk, incrementing)", tags, () -> lagMs);
        metrics.gauge("snapshot-rows-done", "Rows the table's current or last snapshot has read since the task "
                + "started; 0 when none ran", tags, () -> {
                    SnapshotProgress progress = snapshot.get();
                    return progress == null ? 0 : progress.rowsDone();
                });
        metrics.gauge("snapshot-rows-total", "About how many rows the table held when its current or last snapshot "
                + "started (the database's statistic); -1 when none ran or the database does not say", tags, () -> {
                    SnapshotProgress progress = snapshot.get();
                    return progress == null ? -1 : progress.rowsTotal();
                });
        metrics.gauge("snapshot-running", "1 while a snapshot reads the table, else 0", tags, () -> {
            SnapshotProgress progress = snapshot.get();
            return progress != null && progress.running() ? 1 : 0;
        });
    }

    /**
     * After one read of the table.
     *
     * @param records      the records it produced
     * @param full         whether it filled its batch, so there is more to read
     * @param clock        the database's clock in this poll, or null where none was read (bulk)
     * @param lastChange   the time of the last change read so far, or null before the first
     * @param heldBackFrom the commit horizon rows stamped after it wait for (timestamp modes), or null
     */
    public void read(int records, boolean full, Instant clock, Instant lastChange, Instant heldBackFrom) {
        captured.increment(records);
        if (!timed || clock == null) {
            return;
        }
        if (!full) {
            lagMs = heldBackFrom == null ? 0 : millisBetween(heldBackFrom, clock);
        } else if (lastChange != null) {
            lagMs = millisBetween(lastChange, clock);
        }
    }

    private static long millisBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
