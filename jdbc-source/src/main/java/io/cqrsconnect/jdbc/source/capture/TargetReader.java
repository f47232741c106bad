package io.cqrsconnect.jdbc.source.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cqrsconnect.jdbc.common.CommitHorizon;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.config.CaptureMode;
import io.cqrsconnect.jdbc.source.schema.RowConverter;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads one target in its mode, one batch at a time, and keeps its progress; each record carries the offset that
 * resumes right after it.
 *
 * <ul>
 *   <li>bulk: keyset pages over the key columns until the table is read, then again after the poll interval;</li>
 *   <li>incrementing: rows above the highest id, and rows that appeared in the gaps held below it
 *       ({@link IdGaps});</li>
 *   <li>timestamp modes: rows after the last position (timestamp, then tie-breakers) and before the commit
 *       horizon: every transaction that may still commit a row stamped before the horizon has ended, so no row
 *       older than the position can appear later, and rows sharing a timestamp are resumed by their
 *       tie-breakers.</li>
 * </ul>
 *
 * <p>With {@code snapshot.mode=initial} a table of a timestamp mode that has no offset is first read whole
 * ({@link TableSnapshot}); the commit horizon read when the snapshot starts becomes a floor kept in the offsets
 * ({@value #FLOOR_KEY}): every transaction that could still commit a row stamped before it had ended, so the rows
 * stamped before it are in the snapshot, and the capture after the snapshot reads the rows stamped at or after it.
 */
public final class TargetReader implements SignalTarget {

    static final String TIMESTAMP_KEY = "timestamp";
    /** Offsets of the timestamp modes keep each tie-breaker's value under this prefix and its name. */
    public static final String AFTER_PREFIX = "after.";
    /** The inclusive floor of the timestamps read after a snapshot: its start's commit horizon, in offset form. */
    static final String FLOOR_KEY = "snapshot.floor";

    /** One read's records, and whether it filled its batch (so the target has more to read now). */
    public record Batch(List<SourceRecord> records, boolean full) {
    }

    private final CapturePlan plan;
    private final SourceDialect dialect;
    private final ZoneId zone;
    private final TargetRows rows;
    private final IncrementingRead incrementing;
    private IdGaps gaps;
    /** The last position read, in offset form: the timestamp modes' and a bulk pass's; null at the start. */
    private List<Object> position;
    /** The floor of the timestamps read after a snapshot (offset form); null when none ran. */
    private Object floor;
    /** The snapshot running or about to start; null when there is none. */
    private TableSnapshot snapshot;
    /** The last snapshot this reader ran, kept for its progress once done; null when none ran. */
    private SnapshotProgress snapshotProgress;
    private boolean snapshotPending;
    private final SnapshotSignals signals;

    /**
     * A reader resuming from {@code offset} (null: from the start).
     *
     * @param snapshotFirst whether a table of a timestamp mode without an offset is snapshotted first
     */
    public TargetReader(CapturePlan plan, SourceDialect dialect, ZoneId zone, Duration lookBack, String topicPrefix,
                        Map<String, Object> offset, boolean snapshotFirst) {
        this.plan = plan;
        this.dialect = dialect;
        this.zone = zone;
        this.gaps = plan.mode() == CaptureMode.INCREMENTING ? IdGaps.fromOffset(offset) : null;
        this.position = plan.mode().usesTimestamp() ? positionOf(offset) : null;
        this.signals = SnapshotSignals.fromOffset(offset);
        this.rows = new TargetRows(plan, dialect, plan.target().topic(topicPrefix), signals);
        this.incrementing = new IncrementingRead(plan, dialect, lookBack, rows);
        if (plan.mode() != CaptureMode.BULK) {
            this.snapshot = TableSnapshot.resume(plan, dialect, offset).orElse(null);
        }
        if (plan.mode().usesTimestamp()) {
            this.floor = offset == null ? null : plan.order().get(0).kind().fromStored(offset.get(FLOOR_KEY));
            this.snapshotPending = snapshot == null && offset == null && snapshotFirst;
        }
    }

    @Override
    public TableId signalTable() {
        return plan.target() instanceof CaptureTarget.Table table ? table.id() : null;
    }

    /**
     * Snapshots the table again for signal {@code signalId}, unless it ran already or the mode has no use for it
     * (bulk reads every row every pass; a query is never snapshotted). The capture then resumes where it was.
     *
     * @return true when a snapshot starts
     */
    @Override
    public boolean resnapshot(String signalId) {
        if (plan.mode() == CaptureMode.BULK || !(plan.target() instanceof CaptureTarget.Table)
                || !signals.execute(signalId)) {
            return false;
        }
        TableSnapshot.start(plan, dialect).ifPresent(started -> {
            snapshot = started;
            snapshotPending = false;
        });
        return snapshot != null;
    }

    @Override
    public void retainSignals(Set<String> present) {
        signals.retainOnly(present);
    }

    /** The progress of this reader's snapshot, running or done; null when it ran none. */
    public SnapshotProgress snapshotProgress() {
        return snapshot != null ? snapshot.progress() : snapshotProgress;
    }

    public CapturePlan plan() {
        return plan;
    }

    /**
     * The time of the last row read, from its timestamp column (timestamp modes), or null: before the first row, in
     * modes that read no time, or when the column's text is not a time.
     */
    public Instant lastChangeTime() {
        if (!plan.mode().usesTimestamp() || position == null) {
            return null;
        }
        try {
            return plan.order().get(0).kind().toInstant(position.get(0), zone);
        } catch (RuntimeException e) {
            return null; // SQLite text that is not a timestamp: the lag is not known, the capture goes on
        }
    }

    /** The progress of an incrementing capture (for tests and metrics); null in other modes. */
    public IdGaps gaps() {
        return gaps;
    }

    /**
     * Reads the next batch.
     *
     * @param horizon read before this call; null for bulk
     */
    public Batch read(Connection connection, CommitHorizon horizon, int maxRows) throws SQLException {
        // A read either completes or leaves the progress as it was: its records are never returned otherwise, so a
        // position advanced over them would skip them.
        List<Object> positionBefore = position;
        Map<String, Object> gapsBefore = gaps == null ? null : gaps.toOffset();
        try {
            return switch (plan.mode()) {
                case BULK -> readBulk(connection, maxRows);
                case INCREMENTING -> snapshot != null ? readSnapshot(connection, horizon, maxRows)
                        : incrementing.read(connection, gaps, horizon, maxRows);
                case TIMESTAMP, TIMESTAMP_INCREMENTING -> snapshotPending || snapshot != null
                        ? readSnapshot(connection, horizon, maxRows) : readTimestamped(connection, horizon, maxRows);
                case CHANGELOG -> throw new IllegalStateException("changelog mode reads the changelog, not the table");
            };
        } catch (SQLException | RuntimeException e) {
            position = positionBefore;
            if (gapsBefore != null) {
                gaps = IdGaps.fromOffset(gapsBefore);
            }
            throw e;
        }
    }

    private Batch readBulk(Connection connection, int maxRows) throws SQLException {
        List<OrderColumn> order = plan.order();
        SqlBuilder sql = rows.select();
        boolean paged = !order.isEmpty();
        if (paged && position != null) {
            KeysetCondition.append(sql.append(" WHERE "), order);
        }
        if (paged) {
            TargetRows.orderBy(sql, order);
            dialect.limit(sql);
        }
        List<SourceRecord> records = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (paged && position != null) {
                index = KeysetCondition.bind(statement, index, order, position);
            }
            if (paged) {
                statement.setInt(index, maxRows);
            }
            try (ResultSet result = statement.executeQuery()) {
                rows.prepare(result);
                int[] orderIndexes = rows.indexes(order);
                while (result.next()) {
                    Struct value = rows.value(result);
                    if (paged) {
                        position = readPosition(result, order, orderIndexes);
                    }
                    records.add(rows.record(value, Map.of()));
                }
            }
        }
        boolean full = paged && records.size() >= maxRows;
        if (!full) {
            position = null;
        }
        return new Batch(records, full);
    }

    private Batch readSnapshot(Connection connection, CommitHorizon horizon, int maxRows) throws SQLException {
        if (snapshotPending) {
            snapshot = TableSnapshot.start(plan, dialect).orElse(null);
            snapshotPending = false;
            if (snapshot == null) {
                return readTimestamped(connection, horizon, maxRows); // a key that cannot order a walk
            }
            floor = plan.order().get(0).kind().fromInstant(horizon.horizon(), zone);
        }
        TableSnapshot.Chunk chunk = snapshot.read(connection, maxRows);
        RowConverter converter = snapshot.converter();
        List<SourceRecord> records = new ArrayList<>(chunk.rows().size());
        for (int i = 0; i < chunk.rows().size(); i++) {
            TableSnapshot.Row row = chunk.rows().get(i);
            Map<String, Object> offset = streamOffset();
            if (!chunk.last() || i < chunk.rows().size() - 1) {
                offset.putAll(row.position()); // the last row's offset says the snapshot is done
            }
            records.add(rows.record(converter, row.value(), offset));
        }
        if (chunk.last()) {
            snapshotProgress = snapshot.progress();
            snapshot = null;
        }
        return new Batch(records, true);
    }

    /** Where the capture resumes once a snapshot is done: what every snapshot record's offset carries. */
    private Map<String, Object> streamOffset() {
        Map<String, Object> offset = new HashMap<>();
        if (gaps != null) {
            offset.putAll(gaps.toOffset());
        }
        if (position != null) {
            offset.putAll(positionOffset(plan.order(), position));
        }
        if (floor != null) {
            offset.put(FLOOR_KEY, floor);
        }
        return offset;
    }

    private Batch readTimestamped(Connection connection, CommitHorizon horizon, int maxRows) throws SQLException {
        List<OrderColumn> order = plan.order();
        OrderColumn timestamp = order.get(0);
        SqlBuilder sql = rows.select().append(" WHERE ").identifier(timestamp.name()).append(" < ").parameter();
        boolean floored = position == null && floor != null;
        if (floored) {
            sql.append(" AND ").identifier(timestamp.name()).append(" >= ").parameter();
        }
        if (position != null) {
            KeysetCondition.append(sql.append(" AND "), order);
        }
        TargetRows.orderBy(sql, order);
        dialect.limit(sql);
        List<SourceRecord> records = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            timestamp.kind().bind(statement, index++, timestamp.kind().fromInstant(horizon.horizon(), zone));
            if (floored) {
                timestamp.kind().bind(statement, index++, floor);
            }
            if (position != null) {
                index = KeysetCondition.bind(statement, index, order, position);
            }
            statement.setInt(index, maxRows);
            try (ResultSet result = statement.executeQuery()) {
                rows.prepare(result);
                int[] orderIndexes = rows.indexes(order);
                while (result.next()) {
                    Struct value = rows.value(result);
                    List<Object> next = readPosition(result, order, orderIndexes);
                    if (next.contains(null)) {
                        continue; // a row whose tie-breaker is NULL cannot be resumed after: never the case for keys
                    }
                    position = next;
                    records.add(rows.record(value, positionOffset(order, position)));
                }
            }
        }
        return new Batch(records, records.size() >= maxRows);
    }

    private static List<Object> readPosition(ResultSet result, List<OrderColumn> order, int[] indexes)
            throws SQLException {
        List<Object> values = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            values.add(order.get(i).kind().read(result, indexes[i]));
        }
        return values;
    }

    private static Map<String, Object> positionOffset(List<OrderColumn> order, List<Object> position) {
        Map<String, Object> offset = new HashMap<>();
        offset.put(TIMESTAMP_KEY, position.get(0));
        for (int i = 1; i < order.size(); i++) {
            offset.put(AFTER_PREFIX + order.get(i).name(), position.get(i));
        }
        return offset;
    }

    private List<Object> positionOf(Map<String, Object> offset) {
        if (offset == null || offset.get(TIMESTAMP_KEY) == null) {
            return null;
        }
        List<OrderColumn> order = plan.order();
        List<Object> values = new ArrayList<>();
        values.add(order.get(0).kind().fromStored(offset.get(TIMESTAMP_KEY)));
        for (int i = 1; i < order.size(); i++) {
            Object stored = offset.get(AFTER_PREFIX + order.get(i).name());
            if (stored == null) {
                return null; // written by another configuration: start over rather than guess
            }
            values.add(order.get(i).kind().fromStored(stored));
        }
        return values;
    }
}
