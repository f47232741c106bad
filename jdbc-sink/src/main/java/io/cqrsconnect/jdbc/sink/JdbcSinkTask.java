package io.cqrsconnect.jdbc.sink;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.errors.DeadLetterRouter;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.ChangeEventReader;
import io.cqrsconnect.common.jdbc.Dialects;
import io.cqrsconnect.common.jdbc.SinkDialect;
import io.cqrsconnect.common.jdbc.SqlErrorKind;
import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.jdbc.sink.JdbcSinkConnectorConfig.InsertMode;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Reads each record once into a change event, maps it to a row of its target table and buffers rows per table (last
 * write wins per key); a single writer thread ({@link WritePipeline}) writes them while this thread goes on with the
 * next records. When the writer is idle at the end of a {@link #put}, everything buffered is handed to it; while it
 * is busy, rows keep accumulating (so batches grow when the database is slower than the stream) until
 * {@code batch.size} rows wait, and then the put waits for the writer: that is the backpressure.
 * {@link #preCommit} hands over the rest and waits, so the offsets it returns are those of rows committed to the
 * database or reported to the dead-letter queue. Rows the database rejects are reported from this thread.
 *
 * <p>With {@code exactly.once.enabled} each write is one transaction holding its rows and the next offset of every
 * partition read since the previous write ({@link OffsetStore}); {@link #open} seeks to those stored offsets.
 */
public class JdbcSinkTask extends SinkTask {

    private JdbcSinkConnectorConfig config;
    private final ChangeEventReader reader = new ChangeEventReader();
    private RecordMapper mapper;
    private final JdbcConnection.Opener opener;
    private JdbcConnection connection;
    private TableWriter writer;
    private WritePipeline pipeline;
    private DeadLetterRouter deadLetters;
    private SinkMetrics metrics;
    private final Map<String, TableBuffer> buffers = new LinkedHashMap<>();
    /** Rows drained from their buffers early (size, schema change, insert-mode key repeat), oldest first. */
    private final List<TableWriter.Segment> drained = new ArrayList<>();
    private int drainedRows;
    private Retrier retrier;
    /** Exactly-once mode only: the offsets table, and the next offsets of the records read since the last write. */
    private OffsetStore offsetStore;
    private final Map<TopicPartition, Long> unwrittenOffsets = new HashMap<>();

    public JdbcSinkTask() {
        this(JdbcConnection::open);
    }

    /** With {@code opener} in place of the drivers' own connections (tests: a thin wrapper around a real one). */
    JdbcSinkTask(JdbcConnection.Opener opener) {
        this.opener = opener;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new JdbcSinkConnectorConfig(props);
        config.crossFieldProblems().entrySet().stream().findFirst().ifPresent(problem -> {
            throw new ConfigException(problem.getKey(), config.originals().get(problem.getKey()), problem.getValue());
        });
        SinkDialect dialect = Dialects.find(config.connectionUrl(), config.dialectName(),
                JdbcSinkConnectorConfig.DIALECT_NAME_CONFIG, SinkDialect.class);
        connection = new JdbcConnection(config.connectionUrl(), config.connectionUser(),
                config.connectionPassword().value(), dialect, opener);
        mapper = new RecordMapper(config, dialect::tableName, dialect.identifierRules());
        deadLetters = DeadLetterRouter.of(context);
        metrics = new SinkMetrics(TaskMetrics.of(context));
        retrier = new Retrier(config.retryPolicy(), error -> error instanceof SQLException sql
                && dialect.errors().classify(sql) == SqlErrorKind.TRANSIENT);
        JdbcViewSwitch views = config.readModelGeneration() > 0 ? new JdbcViewSwitch(dialect, connection::get) : null;
        writer = new TableWriter(dialect, connection, new TableManager(dialect, config, views), retrier, deadLetters,
                metrics, config.insertMode());
        String connector = props.getOrDefault("name", "jdbc-sink");
        if (config.exactlyOnce()) {
            offsetStore = new OffsetStore(dialect, config.exactlyOnceOffsetsTable(), connector);
        }
        pipeline = new WritePipeline("cqrs-jdbc-sink-writer-" + connector);
    }

    /** In exactly-once mode, resumes each assigned partition from the offset stored with its rows. */
    @Override
    public void open(Collection<TopicPartition> partitions) {
        if (offsetStore == null || partitions.isEmpty()) {
            return;
        }
        report(pipeline.await());
        Map<TopicPartition, Long> stored;
        try {
            stored = pipeline.call(() -> retrier.call("reading stored offsets", () -> {
                try {
                    return offsetStore.read(connection.get(), partitions);
                } catch (SQLException e) {
                    connection.rollbackQuietly();
                    connection.reset();
                    throw e;
                }
            }));
        } catch (Exception e) {
            throw new ConnectException("Cannot read the stored offsets from table '"
                    + config.exactlyOnceOffsetsTable() + "' (" + JdbcSinkConnectorConfig.EXACTLY_ONCE_ENABLED_CONFIG
                    + "=true): " + e.getMessage(), e);
        }
        if (!stored.isEmpty()) {
            context.offset(stored);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (pipeline.idle()) {
            report(pipeline.await()); // a finished write: its rejected rows, or its failure
        }
        for (SinkRecord record : records) {
            if (offsetStore != null) {
                unwrittenOffsets.put(new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
                        record.originalKafkaOffset() + 1);
            }
            SinkRow row;
            try {
                Optional<ChangeEvent> event = reader.read(record);
                if (event.isEmpty()) {
                    continue;
                }
                row = mapper.map(event.get());
            } catch (BadRecordException e) {
                metrics.deadLettered();
                deadLetters.route(record, e);
                continue;
            }
            if (row == null) {
                continue;
            }
            TableBuffer buffer = buffers.computeIfAbsent(row.table(),
                    table -> new TableBuffer(table, config.insertMode() != InsertMode.INSERT));
            if (!buffer.accepts(row)) {
                drain(buffer);
            }
            buffer.add(row);
            if (buffer.size() >= config.batchSize()) {
                drain(buffer);
            }
        }
        if (pipeline.idle()) {
            dispatch();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        dispatch();
        report(pipeline.await());
        return currentOffsets;
    }

    /** Sets a buffer's rows aside for the next write; hands them over once a batch's worth waits. */
    private void drain(TableBuffer buffer) {
        if (buffer.isEmpty()) {
            return;
        }
        List<SinkRow> rows = buffer.drain();
        drained.add(new TableWriter.Segment(buffer.table(), rows));
        drainedRows += rows.size();
        if (drainedRows >= config.batchSize()) {
            dispatch();
        }
    }

    /** Hands every buffered row (and, exactly-once, the offsets read so far) to the writer, after its current write. */
    private void dispatch() {
        for (TableBuffer buffer : buffers.values()) {
            if (!buffer.isEmpty()) {
                drained.add(new TableWriter.Segment(buffer.table(), buffer.drain()));
            }
        }
        if (drained.isEmpty() && unwrittenOffsets.isEmpty()) {
            return;
        }
        List<TableWriter.Segment> segments = List.copyOf(drained);
        Map<TopicPartition, Long> offsets = Map.copyOf(unwrittenOffsets);
        drained.clear();
        drainedRows = 0;
        unwrittenOffsets.clear();
        report(pipeline.submit(() -> writer.writeAtomically(segments, offsetStore, offsets)));
    }

    /** Reports rows the database rejected to the dead-letter queue, from the task thread as the worker expects. */
    private void report(List<TableWriter.Rejected> rejected) {
        for (TableWriter.Rejected row : rejected) {
            metrics.deadLettered();
            deadLetters.route(row.record(), row.reason());
        }
    }

    /** The task's metrics, for tests (on a worker without plugin metrics they live in a private registry). */
    TaskMetrics metrics() {
        return metrics.registry();
    }

    @Override
    public void stop() {
        buffers.clear();
        if (pipeline != null) {
            pipeline.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
