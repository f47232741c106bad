package io.cqrsconnect.jdbc.source.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.source.capture.CapturePlan;
import io.cqrsconnect.jdbc.source.capture.CaptureTarget;
import io.cqrsconnect.jdbc.source.capture.IdGaps;
import io.cqrsconnect.jdbc.source.capture.OrderColumn;
import io.cqrsconnect.jdbc.source.capture.TargetReader;
import io.cqrsconnect.jdbc.source.config.CaptureMode;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import io.cqrsconnect.jdbc.source.config.OutboxSettings;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The outbox relay as the task sees it: the capture reads the outbox in its mode, commit-safe, and the relay turns
 * each row into its event ({@link OutboxRouter}) and, when {@code outbox.delete.enabled}, deletes the rows whose
 * events Kafka has acknowledged ({@link RelayedRows}). Which rows are relayed after a restart is the capture's
 * business: events keep their rows' offsets.
 */
public final class OutboxRelay {

    private final OutboxRouter router;
    private final RelayedRows relayed;
    /** Rows earlier runs relayed but left, deleted before the acknowledged ones. */
    private final Deque<CommittedSweep> sweeps = new ArrayDeque<>();

    private OutboxRelay(OutboxRouter router, RelayedRows relayed) {
        this.router = router;
        this.relayed = relayed;
    }

    /** The relay a configuration asks for, or null when it captures rows. */
    public static OutboxRelay of(JdbcSourceConnectorConfig config) {
        OutboxSettings settings = config.outbox();
        if (!settings.enabled()) {
            return null;
        }
        return new OutboxRelay(new OutboxRouter(settings, config.databaseZone()),
                settings.deleteRelayed() ? new RelayedRows() : null);
    }

    /** The events of rows one target's reader returned, in their order. */
    public List<SourceRecord> relay(CapturePlan plan, List<SourceRecord> rows) {
        List<SourceRecord> events = new ArrayList<>(rows.size());
        for (SourceRecord row : rows) {
            SourceRecord event = router.route(row);
            if (relayed != null) {
                relayed.sent(event, rowOf(plan, row));
            }
            events.add(event);
        }
        return events;
    }

    /**
     * A target the task starts capturing from its committed offset: with {@code outbox.delete.enabled}, the rows an
     * earlier run relayed up to that offset and left in an incrementing outbox are deleted first, in bounded batches.
     */
    public void started(CapturePlan plan, Map<String, Object> committedOffset) {
        if (relayed == null || plan.mode() != CaptureMode.INCREMENTING
                || !(plan.target() instanceof CaptureTarget.Table table)) {
            return;
        }
        IdGaps committed = IdGaps.fromOffset(committedOffset);
        if (committed.max() != null) {
            sweeps.add(new CommittedSweep(table.id(), plan.incrementing().orElseThrow(), committed));
        }
    }

    /** What {@code SourceTask.commitRecord} says of an event: Kafka has it (metadata), or it was dropped (null). */
    public void acknowledged(SourceRecord event, RecordMetadata metadata) {
        if (relayed != null) {
            relayed.acknowledged(event, metadata != null);
        }
    }

    /** Deletes up to {@code maxRows} rows whose events Kafka has, when configured to; returns how many. */
    public int deleteRelayed(Connection connection, SourceDialect dialect, int maxRows) throws SQLException {
        if (relayed == null) {
            return 0;
        }
        while (!sweeps.isEmpty()) {
            List<RelayedRows.Row> left = sweeps.peek().next(connection, dialect, maxRows);
            if (!left.isEmpty()) {
                RelayedRows.delete(connection, dialect, left);
                return left.size();
            }
            sweeps.poll();
        }
        return relayed.deleteAcknowledged(connection, dialect, maxRows);
    }

    /**
     * The row by the columns the mode orders by after the timestamp: the incrementing column, or the key columns,
     * unique either way. Their values come from the offset when it holds them (the timestamp modes), exact as the
     * capture binds them, else (the incrementing id) from the row.
     */
    private static RelayedRows.Row rowOf(CapturePlan plan, SourceRecord row) {
        if (!(plan.target() instanceof CaptureTarget.Table table)) {
            throw new ConnectException("outbox.delete.enabled needs a table, not a query");
        }
        List<OrderColumn> columns = plan.tieBreakers();
        Map<String, ?> offset = row.sourceOffset();
        Struct values = (Struct) row.value();
        List<Object> keys = new ArrayList<>(columns.size());
        for (OrderColumn column : columns) {
            Object stored = offset.get(TargetReader.AFTER_PREFIX + column.name());
            Object value = stored != null ? column.kind().fromStored(stored) : values.get(column.name());
            if (value instanceof Number number && stored == null) {
                value = column.kind().fromStored(number);
            }
            if (value == null) {
                throw new ConnectException("The outbox row has no value in " + column.name() + ", the column it "
                        + "would be deleted by (outbox.delete.enabled)");
            }
            keys.add(value);
        }
        return new RelayedRows.Row(table.id(), columns, keys);
    }
}
