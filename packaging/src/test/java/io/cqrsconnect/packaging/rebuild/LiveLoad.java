package io.cqrsconnect.packaging.rebuild;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A producer that keeps changing a read model and a reader that keeps reading it through its logical name, paced by
 * a scheduler: a change every 5 ms, a read 3 ms after the previous one ended. The reader writes down everything a
 * reader must never see (the name missing, a model short of rows, the clock row going back) and whether each read
 * showed the field the rebuild adds, in order: one switch is one change of that flag, from absent to present.
 */
final class LiveLoad {

    private final ClockChanges changes;
    private final ReadModelView view;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<Boolean> extraFieldSeen = Collections.synchronizedList(new ArrayList<>());
    private long lastClock = -1;

    private LiveLoad(ClockChanges changes, ReadModelView view) {
        this.changes = changes;
        this.view = view;
    }

    static LiveLoad start(ClockChanges changes, ReadModelView view) {
        LiveLoad load = new LiveLoad(changes, view);
        load.scheduler.scheduleWithFixedDelay(changes::next, 0, 5, TimeUnit.MILLISECONDS);
        load.scheduler.scheduleWithFixedDelay(load::read, 0, 3, TimeUnit.MILLISECONDS);
        return load;
    }

    private void read() {
        ReadModelView.Observation seen;
        try {
            seen = view.read();
        } catch (Exception e) {
            violations.add("the logical name could not be read: " + e);
            return;
        }
        if (seen.rows() != changes.keys()) {
            violations.add("the model showed " + seen.rows() + " of " + changes.keys() + " rows");
        }
        if (seen.clock() < lastClock) {
            violations.add("the clock went back from " + lastClock + " to " + seen.clock());
        }
        lastClock = Math.max(lastClock, seen.clock());
        extraFieldSeen.add(seen.extraField());
    }

    /** What readers saw that they never should have, so far. */
    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Reads so far. */
    int reads() {
        return extraFieldSeen.size();
    }

    /** Whether the first read showed the model without the extra field: the generation before the rebuild. */
    boolean firstReadLackedTheExtraField() {
        synchronized (extraFieldSeen) {
            return !extraFieldSeen.isEmpty() && !extraFieldSeen.get(0);
        }
    }

    /** How often the extra field appeared or disappeared from one read to the next: the switches readers saw. */
    int switches() {
        synchronized (extraFieldSeen) {
            int switches = 0;
            for (int i = 1; i < extraFieldSeen.size(); i++) {
                if (extraFieldSeen.get(i) != extraFieldSeen.get(i - 1)) {
                    switches++;
                }
            }
            return switches;
        }
    }

    /** Stops writing and reading, and waits for a write or read under way to end. */
    void stop() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a change or a read did not end within 30 s");
        }
    }
}
