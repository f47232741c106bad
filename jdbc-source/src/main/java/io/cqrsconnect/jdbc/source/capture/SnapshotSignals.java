package io.cqrsconnect.jdbc.source.capture;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The ids of the snapshot signals a table has executed, kept in every one of its offsets ({@value #OFFSET_KEY}, the
 * ids joined by {@code ,}) so a signal runs once per table even across restarts, and pruned to the ids still present
 * in the signal table so the offset stays small. An id is remembered from the first record after it ran; a restart
 * before that runs it again (at least once, never lost).
 */
public final class SnapshotSignals {

    /** The offset entry holding the executed ids. */
    public static final String OFFSET_KEY = "snapshot.signals";

    private final Set<String> executed = new LinkedHashSet<>();

    private SnapshotSignals() {
    }

    /** The ids an offset remembers (none for a null offset). */
    public static SnapshotSignals fromOffset(Map<String, ?> offset) {
        SnapshotSignals signals = new SnapshotSignals();
        Object stored = offset == null ? null : offset.get(OFFSET_KEY);
        if (stored != null && !stored.toString().isEmpty()) {
            signals.executed.addAll(Arrays.asList(stored.toString().split(",")));
        }
        return signals;
    }

    /** Remembers a signal; false when it had run already. */
    public boolean execute(String id) {
        return executed.add(id);
    }

    /** Forgets the ids no longer in the signal table. */
    public void retainOnly(Set<String> present) {
        executed.retainAll(present);
    }

    /** Adds the executed ids to an offset being written (nothing when there are none). */
    public Map<String, Object> into(Map<String, Object> offset) {
        if (!executed.isEmpty()) {
            offset.put(OFFSET_KEY, String.join(",", executed));
        }
        return offset;
    }
}
