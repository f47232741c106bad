package io.cqrsconnect.jdbc.sink.write;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.jdbc.sink.mapping.RowLayout;
import io.cqrsconnect.jdbc.sink.mapping.SinkRow;

/**
 * The rows waiting to be written to one table. Within the buffer the last event per key wins (an upsert after a
 * delete of the same key replaces it, and the other way round) unless the version guard says the buffered row is
 * newer, so one flush writes each key once, and deletes and upserts of different keys can go in one transaction in
 * any order.
 *
 * <p>The buffer must be flushed before it takes a row it cannot hold together with the others:
 * an upsert whose columns differ from the buffered upserts' (a schema change), or, in insert mode, a second row
 * with a buffered key (an insert cannot replace; the order of the two must be kept).
 */
public final class TableBuffer {

    private final String table;
    private final boolean lastWriteWins;
    private final Map<Object, SinkRow> rows = new LinkedHashMap<>();
    private RowLayout upsertLayout;
    private long keylessSequence;

    public TableBuffer(String table, boolean lastWriteWins) {
        this.table = table;
        this.lastWriteWins = lastWriteWins;
    }

    public String table() {
        return table;
    }

    /** True when the row can join the buffered rows; false when the buffer must be flushed first. */
    public boolean accepts(SinkRow row) {
        if (row.operation() == Operation.UPSERT && upsertLayout != null && !upsertLayout.equals(row.layout())) {
            return false;
        }
        return lastWriteWins || row.layout().keyColumns().isEmpty() || !rows.containsKey(row.key());
    }

    public void add(SinkRow row) {
        if (row.operation() == Operation.UPSERT) {
            upsertLayout = row.layout();
        }
        Object key = row.layout().keyColumns().isEmpty() ? Long.valueOf(keylessSequence++) : row.key();
        SinkRow buffered = rows.get(key);
        if (buffered != null && !supersedes(row, buffered)) {
            return; // the buffered row holds a newer version: the database would refuse this one too
        }
        rows.remove(key); // re-inserted at the end: the buffer keeps the order of the last events
        rows.put(key, row);
    }

    /**
     * Whether an incoming row replaces the buffered row of its key, by the rules the version guard applies in the
     * database: without a guard the later event wins; with one, the incoming row wins unless the buffered one holds
     * a newer version (a row without a version never beats one with a version; an unguarded delete always wins).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean supersedes(SinkRow incoming, SinkRow buffered) {
        int incomingPosition = incoming.layout().versionPosition();
        if (incoming.layout().versionColumn() == null || incomingPosition < 0) {
            return true;
        }
        int bufferedPosition = buffered.layout().versionPosition();
        Object bufferedVersion = bufferedPosition < 0 ? null : buffered.values()[bufferedPosition];
        Object incomingVersion = incoming.values()[incomingPosition];
        if (bufferedVersion == null) {
            return true;
        }
        if (incomingVersion == null) {
            return false;
        }
        if (incomingVersion instanceof Comparable comparable && incomingVersion.getClass() == bufferedVersion.getClass()) {
            return comparable.compareTo(bufferedVersion) >= 0;
        }
        if (incomingVersion instanceof Number a && bufferedVersion instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) >= 0;
        }
        return true;
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The buffered rows, oldest first; the buffer is empty afterwards. */
    public List<SinkRow> drain() {
        List<SinkRow> drained = new ArrayList<>(rows.values());
        rows.clear();
        upsertLayout = null;
        return drained;
    }
}
