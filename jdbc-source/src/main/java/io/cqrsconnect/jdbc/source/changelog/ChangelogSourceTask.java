package io.cqrsconnect.jdbc.source.changelog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.common.plugin.PluginVersion;
import io.cqrsconnect.jdbc.common.CommitHorizon;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.CapturePlan;
import io.cqrsconnect.jdbc.source.capture.CapturePlans;
import io.cqrsconnect.jdbc.source.capture.CaptureTarget;
import io.cqrsconnect.jdbc.source.capture.PlanProblem;
import io.cqrsconnect.jdbc.source.capture.ReadSchedule;
import io.cqrsconnect.jdbc.source.capture.SignalTable;
import io.cqrsconnect.jdbc.source.capture.SnapshotProgress;
import io.cqrsconnect.jdbc.source.capture.TaskConnection;
import io.cqrsconnect.jdbc.source.capture.TaskStart;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import io.cqrsconnect.jdbc.source.config.TaskTables;
import io.cqrsconnect.jdbc.source.metrics.SourceMetrics;
import io.cqrsconnect.jdbc.source.metrics.TableMetrics;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the tables the connector gave this task through their changelogs ({@code mode=changelog}): at start it
 * installs (or asks a DBA for) each changelog and its triggers and sweeps rows a previous run emitted but did not
 * purge; each poll purges what Kafka acknowledged, reads the commit horizon once, then each changelog that is due.
 * Failures are handled as the query-based task handles them: transient ones reconnect after a backoff until
 * {@code max.retries}, others fail the task.
 */
public class ChangelogSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(ChangelogSourceTask.class);

    /** The change a record ends, for purging once Kafka acknowledged it. */
    private record Pending(TableId changelog, long id) {
    }

    private JdbcSourceConnectorConfig config;
    private SourceDialect dialect;
    private ChangelogSyntax syntax;
    private TaskConnection connection;
    private List<TableId> tables;
    private Map<TableId, Map<String, Object>> offsets;
    private volatile List<ChangelogReader> readers;
    private ChangelogPurger purger;
    private final Map<SourceRecord, Pending> pending = Collections.synchronizedMap(new IdentityHashMap<>());
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
        syntax = ChangelogSyntaxes.of(dialect)
                .orElseThrow(() -> new ConnectException(ChangelogSyntaxes.unsupported(dialect)));
        connection = new TaskConnection(config, dialect, "the changelogs", ChangelogSourceTask::readCommitted);
        purger = new ChangelogPurger(dialect);
        metrics = new SourceMetrics(TaskMetrics.of(context));
        tables = TaskTables.decode(props);
        Map<Map<String, String>, Map<String, Object>> stored = TaskStart.offsets(context.offsetStorageReader(),
                tables.stream().map(ChangelogSourceTask::partition).toList());
        offsets = new HashMap<>();
        for (TableId table : tables) {
            if (stored.containsKey(partition(table))) {
                offsets.put(table, stored.get(partition(table)));
            }
        }
        LOG.info("JDBC source task capturing the changelogs of {}", tables);
    }

    /** The source partition of a table's changes, apart from the query-based modes' so offsets never mix. */
    static Map<String, String> partition(TableId table) {
        return Map.of("changelog", table.toString());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (connection.stopping()) {
            return null;
        }
        try {
            Connection db = connection.get();
            prepare(db);
            purger.purge(db, config.batchMaxRows());
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
            CommitHorizon horizon = dialect.commitHorizon(db, config.commitLookBack());
            List<SourceRecord> records = schedule.readDue(now, config.batchMaxRows(), (i, out) -> {
                ChangelogReader reader = readers.get(i);
                ChangelogReader.Batch batch = reader.read(db, horizon, config.batchMaxRows());
                out.addAll(batch.snapshot());
                for (ChangelogReader.Change change : batch.changes()) {
                    out.addAll(change.records());
                    SourceRecord last = change.records().get(change.records().size() - 1);
                    pending.put(last, new Pending(reader.layout().changelog(), change.id()));
                }
                tableMetrics.get(i).read(batch.snapshot().size()
                        + batch.changes().stream().mapToInt(change -> change.records().size()).sum(),
                        batch.full(), horizon.observedAt(), reader.lastChangeTime(), null);
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

    /** The progress of each snapshot this task ran or runs, one per table (for metrics). */
    public List<SnapshotProgress> snapshots() {
        List<ChangelogReader> current = readers;
        return current == null ? List.of() : current.stream().map(ChangelogReader::snapshotProgress)
                .filter(Objects::nonNull).toList();
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        // Called once Kafka acknowledged the record, or, with null metadata, once Connect dropped or filtered it:
        // either way it will not be sent again, so its change may go.
        Pending change = pending.remove(record);
        if (change != null) {
            purger.acknowledged(change.changelog(), change.id());
        }
    }

    /**
     * InnoDB's default REPEATABLE READ would lock the gap above a purged id range, stalling the triggers' inserts of
     * new changes while a purge runs; READ COMMITTED locks only the rows it deletes.
     */
    private static void readCommitted(Connection opened) throws SQLException {
        if (opened.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED)) {
            opened.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    /** The first time: installs or checks each changelog and sweeps what a previous run left. */
    private void prepare(Connection db) throws SQLException {
        if (readers != null) {
            return;
        }
        ChangelogInstaller installer = new ChangelogInstaller(dialect, syntax);
        String database = db.getCatalog();
        String schema = db.getSchema();
        List<ChangelogReader> prepared = new ArrayList<>();
        for (TableId table : tables) {
            CaptureTarget target = new CaptureTarget.Table(table);
            CapturePlan plan;
            try {
                plan = CapturePlans.plan(db, dialect, config, target);
            } catch (PlanProblem e) {
                throw new ConnectException("Cannot capture " + target + ": " + e.getMessage() + " (change "
                        + e.configKey() + ")");
            }
            ChangelogLayout layout = ChangelogInstaller.layout(config, plan, table);
            installer.ensure(db, layout, config.changelog().install());
            ChangeRecords.Origin origin = new ChangeRecords.Origin(config.topicPrefix(), database,
                    table.schema() != null ? table.schema() : schema, table.name(),
                    target.topic(config.topicPrefix()), partition(table));
            ChangelogReader reader = new ChangelogReader(layout, plan, dialect, config.commitLookBack(),
                    config.outputFormat(), origin, offsets.get(table),
                    config.snapshot().initial());
            purger.sweep(db, layout.changelog(), reader.gaps());
            prepared.add(reader);
        }
        readers = prepared;
        tableMetrics = readers.stream().map(reader -> metrics.table(reader.layout().table().toString(), true,
                reader::snapshotProgress)).toList();
        schedule = new ReadSchedule(readers.size(), config.pollInterval());
        signals = config.snapshot().signalDataCollection().map(table -> new SignalTable(table, dialect, config.pollInterval()))
                .orElse(null);
    }

    @Override
    public void stop() {
        if (connection != null) {
            connection.stop();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
