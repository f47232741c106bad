package io.cqrsconnect.jdbc.source.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cqrsconnect.jdbc.common.CommitHorizon;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.CapturePlan;
import io.cqrsconnect.jdbc.source.capture.CaptureTarget;
import io.cqrsconnect.jdbc.source.capture.GapRanges;
import io.cqrsconnect.jdbc.source.capture.IdGaps;
import io.cqrsconnect.jdbc.source.capture.SignalTarget;
import io.cqrsconnect.jdbc.source.capture.SnapshotProgress;
import io.cqrsconnect.jdbc.source.capture.SnapshotSignals;
import io.cqrsconnect.jdbc.source.capture.TableSnapshot;
import io.cqrsconnect.jdbc.source.config.OutputFormat;
import io.cqrsconnect.jdbc.source.schema.ColumnReaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads one table's changelog in id order, the change id treated as the incrementing column of the query-based
 * capture: the ids missing below the highest one read are held as gaps ({@link IdGaps}) and looked for again at
 * every read until every transaction that was open when they were seen has ended (the {@link CommitHorizon}), so a
 * change whose transaction took its id early and committed late is still emitted. Per row the records carry the
 * offset that resumes after them; the gaps and the highest id are the offset.
 *
 * <p>With {@code snapshot.mode=initial} a table without an offset is first read whole ({@link TableSnapshot}); the
 * changelog, installed before, is not read meanwhile and keeps every change made during the snapshot, which are
 * emitted after it, so each key's last record is its latest state (a change made behind the snapshot's chunks may
 * first show an older state, as with Debezium's initial snapshot).
 */
final class ChangelogReader implements SignalTarget {

    /** Above this many gaps, they are looked for in one range, rows outside them filtered here. */

    /** One change's records, with its id (purged once Kafka has them). */
    record Change(long id, List<SourceRecord> records) {
    }

    /**
     * One read's records: a snapshot chunk's (nothing to purge), or changes; and whether the read filled its batch.
     */
    record Batch(List<SourceRecord> snapshot, List<Change> changes, boolean full) {
    }

    private final ChangelogLayout layout;
    private final CapturePlan plan;
    private final SourceDialect dialect;
    private final Duration lookBack;
    private final OutputFormat format;
    private final ChangeRecords.Origin origin;
    private IdGaps gaps;
    private ChangeRecords converter;
    /** When the last change read was made, in epoch milliseconds; -1 before the first. */
    private long lastChangeMs = -1;
    /** The snapshot running, during which the changelog is not read (it keeps every change); else null. */
    private TableSnapshot snapshot;
    /** The last snapshot run, kept for its progress once done; null when none ran. */
    private SnapshotProgress snapshotProgress;
    private final SnapshotRecords snapshotRecords = new SnapshotRecords();
    private final SnapshotSignals signals;

    ChangelogReader(ChangelogLayout layout, CapturePlan plan, SourceDialect dialect, Duration lookBack,
                    OutputFormat format, ChangeRecords.Origin origin, Map<String, Object> offset,
                    boolean snapshotFirst) {
        this.layout = layout;
        this.plan = plan;
        this.dialect = dialect;
        this.lookBack = lookBack;
        this.format = format;
        this.origin = origin;
        this.gaps = IdGaps.fromOffset(offset);
        this.signals = SnapshotSignals.fromOffset(offset);
        this.snapshot = TableSnapshot.resume(plan, dialect, offset)
                .or(() -> offset == null && snapshotFirst ? TableSnapshot.start(plan, dialect) : Optional.empty())
                .orElse(null);
    }

    /**
     * Snapshots the table again for signal {@code signalId}, unless it ran already; the changelog is read on from
     * where it was once the snapshot is done.
     *
     * @return true when a snapshot starts
     */
    @Override
    public TableId signalTable() {
        return ((CaptureTarget.Table) plan.target()).id();
    }

    @Override
    public boolean resnapshot(String signalId) {
        if (!signals.execute(signalId)) {
            return false;
        }
        TableSnapshot.start(plan, dialect).ifPresent(started -> snapshot = started);
        return snapshot != null;
    }

    @Override
    public void retainSignals(Set<String> present) {
        signals.retainOnly(present);
    }

    /** The progress of this reader's snapshot, running or done; null when it ran none. */
    SnapshotProgress snapshotProgress() {
        return snapshot != null ? snapshot.progress() : snapshotProgress;
    }

    ChangelogLayout layout() {
        return layout;
    }

    IdGaps gaps() {
        return gaps;
    }

    /** When the last change read was made (the trigger's clock), or null before the first: how far behind it is. */
    Instant lastChangeTime() {
        return lastChangeMs < 0 ? null : Instant.ofEpochMilli(lastChangeMs);
    }

    /** Reads the next batch; on failure the progress stays as it was. */
    Batch read(Connection connection, CommitHorizon horizon, int maxRows) throws SQLException {
        if (snapshot != null) {
            return readSnapshot(connection, maxRows);
        }
        Map<String, Object> before = gaps.toOffset();
        try {
            List<Change> changes = new ArrayList<>();
            if (!gaps.gaps().isEmpty()) {
                readGaps(connection, changes);
                gaps.resolve(horizon);
            }
            boolean full = readNew(connection, maxRows, changes);
            return new Batch(List.of(), changes, full);
        } catch (SQLException | RuntimeException e) {
            gaps = IdGaps.fromOffset(before);
            throw e;
        }
    }

    /**
     * A chunk of the snapshot. Each record's offset is the changelog's position (unchanged: nothing of it was read
     * yet) with the snapshot's, since a record's offset replaces the whole stored one.
     */
    private Batch readSnapshot(Connection connection, int maxRows) throws SQLException {
        TableSnapshot.Chunk chunk = snapshot.read(connection, maxRows);
        List<SourceRecord> records = new ArrayList<>(chunk.rows().size());
        for (int i = 0; i < chunk.rows().size(); i++) {
            TableSnapshot.Row row = chunk.rows().get(i);
            boolean last = chunk.last() && i == chunk.rows().size() - 1;
            Map<String, Object> offset = new HashMap<>(gaps.toOffset());
            if (!last) {
                offset.putAll(row.position()); // the last row's offset says the snapshot is done
            }
            records.add(snapshotRecords.record(snapshot.converter(), row.value(), origin, signals.into(offset), format,
                    last));
        }
        if (chunk.last()) {
            snapshotProgress = snapshot.progress();
            snapshot = null;
        }
        return new Batch(records, List.of(), true);
    }

    private boolean readNew(Connection connection, int maxRows, List<Change> changes) throws SQLException {
        SqlBuilder sql = select();
        if (gaps.max() != null) {
            sql.append(" WHERE ").identifier(ChangelogLayout.ID).append(" > ").parameter();
        }
        sql.append(" ORDER BY ").identifier(ChangelogLayout.ID);
        dialect.limit(sql);
        List<Long> ids = new ArrayList<>();
        List<List<SourceRecord>> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (gaps.max() != null) {
                statement.setLong(index++, gaps.max());
            }
            statement.setInt(index, maxRows);
            try (ResultSet result = statement.executeQuery()) {
                prepare(result);
                while (result.next()) {
                    ids.add(converter.id(result));
                    lastChangeMs = converter.changedAtMs(result);
                    rows.add(converter.records(result, origin, Map.of(), format));
                }
            }
        }
        // A transaction holding a skipped id started before that id's successor committed, so before the query:
        // a clock reading taken after it is late enough to tell when every such transaction has ended.
        Instant seenAt = null;
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            if (gaps.wouldOpenGap(id) && seenAt == null) {
                seenAt = dialect.commitHorizon(connection, lookBack).observedAt();
            }
            gaps.advance(id, seenAt == null ? Instant.EPOCH : seenAt);
            changes.add(new Change(id, withOffset(rows.get(i), gaps.toOffset())));
        }
        return ids.size() >= maxRows;
    }

    private void readGaps(Connection connection, List<Change> changes) throws SQLException {
        List<IdGaps.Gap> ranges = gaps.searchRanges();
        SqlBuilder sql = select().append(" WHERE ");
        GapRanges.append(sql, ranges, ChangelogLayout.ID);
        sql.append(" ORDER BY ").identifier(ChangelogLayout.ID);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            GapRanges.bind(statement, 1, ranges);
            try (ResultSet result = statement.executeQuery()) {
                prepare(result);
                while (result.next()) {
                    long id = converter.id(result);
                    if (!gaps.inGap(id)) {
                        continue;
                    }
                    List<SourceRecord> records = converter.records(result, origin, Map.of(), format);
                    gaps.found(id);
                    changes.add(new Change(id, withOffset(records, gaps.toOffset())));
                }
            }
        }
    }

    private SqlBuilder select() {
        return dialect.sql().append("SELECT * FROM ").table(layout.changelog());
    }

    private void prepare(ResultSet result) throws SQLException {
        converter = ChangeRecords.forResult(converter, new ColumnReaders(dialect, plan.decimals()),
                result.getMetaData(), plan.captured(),
                plan.keyColumns());
    }

    private List<SourceRecord> withOffset(List<SourceRecord> records, Map<String, ?> position) {
        Map<String, Object> offset = signals.into(new HashMap<>(position));
        List<SourceRecord> placed = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            placed.add(new SourceRecord(record.sourcePartition(), offset, record.topic(), record.kafkaPartition(),
                    record.keySchema(), record.key(), record.valueSchema(), record.value()));
        }
        return placed;
    }
}
