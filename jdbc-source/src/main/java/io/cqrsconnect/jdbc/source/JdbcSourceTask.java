package io.cqrsconnect.jdbc.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.common.plugin.PluginVersion;
import io.cqrsconnect.jdbc.common.CommitHorizon;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.source.capture.CapturePlans;
import io.cqrsconnect.jdbc.source.capture.CaptureTarget;
import io.cqrsconnect.jdbc.source.capture.PlanProblem;
import io.cqrsconnect.jdbc.source.capture.ReadSchedule;
import io.cqrsconnect.jdbc.source.capture.SignalTable;
import io.cqrsconnect.jdbc.source.capture.SnapshotProgress;
import io.cqrsconnect.jdbc.source.capture.TargetReader;
import io.cqrsconnect.jdbc.source.capture.TaskConnection;
import io.cqrsconnect.jdbc.source.capture.TaskStart;
import io.cqrsconnect.jdbc.source.config.CaptureMode;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import io.cqrsconnect.jdbc.source.config.TaskTables;
import io.cqrsconnect.jdbc.source.metrics.SourceMetrics;
import io.cqrsconnect.jdbc.source.metrics.TableMetrics;
import io.cqrsconnect.jdbc.source.outbox.OutboxRelay;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the tables (or the query) the connector gave this task, on one connection. Each poll reads the commit
 * horizon once, then each target that is due: one that filled its batch at once again, one that had no more rows
 * after {@code poll.interval.ms}. A transient database failure closes the connection and the next poll reconnects
 * after a backoff; once {@code max.retries} are spent, or on any other failure, the task fails rather than show
 * RUNNING while it reads nothing.
 */
public class JdbcSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceTask.class);

    private JdbcSourceConnectorConfig config;
    private SourceDialect dialect;
    private TaskConnection connection;
    private List<CaptureTarget> targets;
    private Map<Map<String, String>, Map<String, Object>> offsets;
    private volatile List<TargetReader> readers;
    /** Turns rows into outbox events, when outbox.enabled; null otherwise. */
    private OutboxRelay outbox;
    private ReadSchedule schedule;
    private SourceMetrics metrics;
    /** Each reader's metrics, in the readers' order. */
    private List<TableMetrics> tableMetrics;
    /** The signal table, when signal.data.collection names one; null otherwise. */
    private SignalTable signals;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        TaskStart start = TaskStart.of(props);
        config = start.config();
        dialect = start.dialect();
        connection = new TaskConnection(config, dialect, "tables", opened -> { });
        targets = new ArrayList<>();
        if (config.capturesQuery()) {
            targets.add(new CaptureTarget.Query(config.query()));
        } else {
            TaskTables.decode(props).forEach(id -> targets.add(new CaptureTarget.Table(id)));
        }
        outbox = OutboxRelay.of(config);
        metrics = new SourceMetrics(TaskMetrics.of(context));
        offsets = TaskStart.offsets(context.offsetStorageReader(),
                targets.stream().map(CaptureTarget::partition).toList());
        LOG.info("JDBC source task capturing {} in mode {}", targets,
                config.mode().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (connection.stopping()) {
            return null;
        }
        try {
            Connection db = connection.get();
            prepare(db);
            if (outbox != null) {
                outbox.deleteRelayed(db, dialect, config.batchMaxRows());
            }
            long now = System.currentTimeMillis();
            if (signals != null) {
                signals.dispatch(db, now, readers);
            }
            long wait = schedule.waitMs(now);
            if (wait > 0) {
                Thread.sleep(wait);
                return null;
            }
            long started = System.nanoTime();
            CommitHorizon horizon = config.mode() == CaptureMode.BULK ? null
                    : dialect.commitHorizon(db, config.commitLookBack());
            List<SourceRecord> records = schedule.readDue(now, config.batchMaxRows(), (i, out) -> {
                TargetReader reader = readers.get(i);
                TargetReader.Batch batch = reader.read(db, horizon, config.batchMaxRows());
                out.addAll(outbox == null ? batch.records() : outbox.relay(reader.plan(), batch.records()));
                tableMetrics.get(i).read(batch.records().size(), batch.full(),
                        horizon == null ? null : horizon.observedAt(), reader.lastChangeTime(),
                        horizon == null || !config.mode().usesTimestamp() ? null : horizon.horizon());
                return batch.full();
            });
            metrics.polled(System.nanoTime() - started);
            connection.succeeded();
            return records;
        } catch (SQLException e) {
            connection.failed(e);
            return null;
        }
    }

    /** An outbox is relayed in order, never snapshotted: a snapshot could relay an event twice. */
    private boolean snapshotFirst() {
        return config.snapshot().initial() && outbox == null;
    }

    /** Settles each target's plan, once. */
    private void prepare(Connection db) throws SQLException {
        if (readers != null) {
            return;
        }
        List<TargetReader> prepared = new ArrayList<>();
        for (CaptureTarget target : targets) {
            try {
                prepared.add(new TargetReader(CapturePlans.plan(db, dialect, config, target), dialect,
                        config.databaseZone(), config.commitLookBack(), config.topicPrefix(),
                        offsets.get(target.partition()), snapshotFirst()));
                if (outbox != null) {
                    outbox.started(prepared.get(prepared.size() - 1).plan(), offsets.get(target.partition()));
                }
            } catch (PlanProblem e) {
                throw new ConnectException("Cannot capture " + target + ": " + e.getMessage() + " (change "
                        + e.configKey() + ")");
            }
        }
        readers = prepared;
        tableMetrics = readers.stream().map(reader -> metrics.table(reader.plan().target().label(),
                config.mode().usesTimestamp(), reader::snapshotProgress)).toList();
        schedule = new ReadSchedule(readers.size(), config.pollInterval());
        signals = config.snapshot().signalDataCollection().map(table -> new SignalTable(table, dialect, config.pollInterval()))
                .orElse(null);
    }

    /**
     * The progress of each snapshot this task ran or runs, one per table (for metrics); empty before the first
     * poll and for tables that were not snapshotted.
     */
    public List<SnapshotProgress> snapshots() {
        List<TargetReader> current = readers;
        return current == null ? List.of() : current.stream().map(TargetReader::snapshotProgress)
                .filter(Objects::nonNull).toList();
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (outbox != null) {
            outbox.acknowledged(record, metadata);
        }
    }

    @Override
    public void stop() {
        if (connection != null) {
            connection.stop(); // ends a read in flight; poll returns nothing once stopping
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
