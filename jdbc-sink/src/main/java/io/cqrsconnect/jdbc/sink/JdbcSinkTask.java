package io.cqrsconnect.jdbc.sink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.common.errors.DeadLetterRouter;
import io.cqrsconnect.common.errors.RecordFaults;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.ChangeEventReader;
import io.cqrsconnect.common.flow.Backpressure;
import io.cqrsconnect.common.flow.PutTimeout;
import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.common.offsets.CommitRequests;
import io.cqrsconnect.common.plugin.PluginVersion;
import io.cqrsconnect.common.record.RecordCoordinates;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.SqlErrorKind;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.InsertMode;
import io.cqrsconnect.jdbc.sink.mapping.RecordMapper;
import io.cqrsconnect.jdbc.sink.mapping.SinkRow;
import io.cqrsconnect.jdbc.sink.readmodel.JdbcViewSwitch;
import io.cqrsconnect.jdbc.sink.schema.TableManager;
import io.cqrsconnect.jdbc.sink.write.JdbcConnection;
import io.cqrsconnect.jdbc.sink.write.OffsetStore;
import io.cqrsconnect.jdbc.sink.write.RefusedRow;
import io.cqrsconnect.jdbc.sink.write.Segment;
import io.cqrsconnect.jdbc.sink.write.SinkMetrics;
import io.cqrsconnect.jdbc.sink.write.TableBuffer;
import io.cqrsconnect.jdbc.sink.write.TableWriter;
import io.cqrsconnect.jdbc.sink.write.WritePipeline;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Reads each record once into a change event, maps it to a row of its target table and buffers rows per table (last
 * write wins per key); a single writer thread ({@link WritePipeline}) writes them while this thread goes on with the
 * next records. When the writer is idle, what is buffered is handed to it; while it is busy, rows keep accumulating
 * (so batches grow when the database is slower than the stream) until {@code batch.size} rows wait, and then the
 * task pauses its partitions ({@link Backpressure}) until the writer is free: no call of the worker's ever waits for
 * the database in {@code put}. {@link #preCommit} hands over the rest and waits for it (unless the task asked for the
 * commit itself, {@link CommitRequests}), but never longer than half the consumer's {@code max.poll.interval.ms}:
 * it returns the offsets of the records whose rows are committed (or were reported to the dead-letter queue), so a
 * write still running then (a database that stays away through the retries) is committed by a later commit instead
 * of costing the task its partitions. Rows the database rejects are reported from this thread.
 *
 * <p>With {@code exactly.once.enabled} each write is one transaction holding its rows and the next offset of every
 * partition read since the previous write ({@link OffsetStore}); {@link #open} seeks to those stored offsets.
 *
 * <p>Where the task does wait for the database: in exactly-once mode {@link #open} (called by the worker inside the
 * consumer's rebalance) waits for the write in flight and then reads the stored offsets, retrying a database that
 * is away for up to the retry budget ({@code max.retries}, {@code retry.backoff.max.ms}). A budget longer than
 * {@code max.poll.interval.ms} can then cost the task its partitions; the next owner resumes from the same stored
 * offsets, so nothing is lost or written twice. {@link #stop} waits up to 30 s for the writer thread to end.
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
    private CommitRequests commitRequests;
    private PutTimeout putTimeout;
    private SinkMetrics metrics;
    private final Map<String, TableBuffer> buffers = new LinkedHashMap<>();
    /** Rows drained from their buffers early (size, schema change, insert-mode key repeat), oldest first. */
    private final List<Segment> drained = new ArrayList<>();
    private int drainedRows;
    private Retrier retrier;
    private Backpressure backpressure;
    /** Exactly-once mode only: the offsets table. */
    private OffsetStore offsetStore;
    /** The next offset of each partition's records read since the last write was handed over. */
    private final Map<TopicPartition, Long> unwrittenOffsets = new HashMap<>();
    /** The next offsets of the records the write in flight covers (null when none is in flight). */
    private Map<TopicPartition, Long> inFlightOffsets;
    /** The next offsets of the records whose writes have ended: what the worker may commit. */
    private final Map<TopicPartition, OffsetAndMetadata> writtenOffsets = new HashMap<>();
    private Duration commitWait;

    public JdbcSinkTask() {
        this(JdbcConnection::open);
    }

    /** With {@code opener} in place of the drivers' own connections (tests: a thin wrapper around a real one). */
    JdbcSinkTask(JdbcConnection.Opener opener) {
        this.opener = opener;
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new JdbcSinkConnectorConfig(props);
        config.crossFieldProblems().throwFirst(JdbcSinkConnectorConfig.CONFIG_DEF, config.originals());
        SinkDialect dialect = Dialects.find(config.connectionUrl(), config.dialectName(),
                JdbcSinkConnectorConfig.DIALECT_NAME_CONFIG, SinkDialect.class);
        connection = new JdbcConnection(config.connectionUrl(), config.connectionUser(),
                config.connectionPassword().value(), dialect, opener);
        mapper = new RecordMapper(config, dialect::tableName, dialect.identifierRules());
        deadLetters = DeadLetterRouter.of(context);
        putTimeout = PutTimeout.of(context);
        commitRequests = CommitRequests.of(config, context, putTimeout);
        metrics = new SinkMetrics(TaskMetrics.of(context));
        retrier = new Retrier(config.retryPolicy(), error -> error instanceof SQLException sql
                && dialect.errors().classify(sql) == SqlErrorKind.TRANSIENT);
        JdbcViewSwitch views = config.readModelGeneration() > 0 ? new JdbcViewSwitch(dialect, connection::get) : null;
        writer = new TableWriter(dialect, connection, new TableManager(dialect, config, views), config.retryPolicy(),
                deadLetters, metrics, config.insertMode());
        String connector = props.getOrDefault("name", "jdbc-sink");
        if (config.exactlyOnce()) {
            offsetStore = new OffsetStore(dialect, config.exactlyOnceOffsetsTable(), connector);
        }
        pipeline = new WritePipeline("cqrs-jdbc-sink-writer-" + connector);
        backpressure = new Backpressure(context, putTimeout, this::behind, () -> !behind(), metrics.registry(),
                "batch.size rows waited while the database wrote a batch");
        commitWait = Duration.ofMillis(Long.parseLong(props.getOrDefault(MAX_POLL_INTERVAL_OVERRIDE,
                Integer.toString(DEFAULT_MAX_POLL_INTERVAL_MS))) / 2);
    }

    /** The consumer setting a connector overrides as {@code consumer.override.max.poll.interval.ms}. */
    private static final String MAX_POLL_INTERVAL_OVERRIDE = "consumer.override."
            + ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG;
    /** Kafka's default {@code max.poll.interval.ms}. */
    private static final int DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;
    /** How soon the worker calls {@code put} again while rows or a write are pending, records arriving or not. */
    private static final long PENDING_WORK_POLL_MS = 100;

    /** In exactly-once mode, resumes each assigned partition from the offset stored with its rows. */
    @Override
    public void open(Collection<TopicPartition> partitions) {
        backpressure.opened(partitions);
        if (offsetStore == null || partitions.isEmpty()) {
            return;
        }
        settle(pipeline.await());
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

    /** Forgets what it would commit for partitions it no longer owns; their rows are still written. */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(writtenOffsets::remove);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (pipeline.idle()) {
            settle(pipeline.await()); // a finished write: its rejected rows, or its failure
        }
        for (SinkRecord record : records) {
            unwrittenOffsets.put(new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
                    record.originalKafkaOffset() + 1);
            SinkRow row;
            try {
                Optional<ChangeEvent> event = reader.read(record);
                if (event.isEmpty()) {
                    continue;
                }
                row = mapper.map(event.get());
            } catch (RuntimeException e) {
                // reading and mapping touch nothing but the record: whatever fails here is its fault
                metrics.deadLettered();
                deadLetters.route(record, RecordFaults.of(RecordCoordinates.of(record), e));
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
        commitRequests.afterPut();
        backpressure.apply();
        if (!pipeline.idle() || waitingRows() > 0 || !unwrittenOffsets.isEmpty()) {
            // rows wait for the writer, or its write for settling: without this the worker's next put may be as
            // far away as its next offset flush (offset.flush.interval.ms, 60 s by default) when records stop
            putTimeout.within(PENDING_WORK_POLL_MS);
        }
        putTimeout.apply();
    }

    /**
     * Hands over what is buffered and waits for it to be written, at most half the consumer's
     * {@code max.poll.interval.ms}: the offsets of every record read when all is written, else those of the records
     * whose writes have ended. A commit the task asked for ({@code offset.commit.interval.ms}) gets the offsets of
     * what is written without waiting.
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (commitRequests.answering()) {
            // asked for by offset.commit.interval.ms, as often as every second: what is written already, since
            // waiting for the writer here would stop reading as often
            if (pipeline.idle()) {
                settle(pipeline.await());
                dispatch();
            }
        } else {
            long deadline = System.nanoTime() + commitWait.toNanos();
            if (pipeline.awaitIdle(deadline)) {
                dispatch();
            }
            if (pipeline.awaitIdle(deadline)) {
                settle(pipeline.await());
            }
        }
        backpressure.apply();
        putTimeout.apply();
        if (inFlightOffsets == null && unwrittenOffsets.isEmpty()) {
            return currentOffsets; // every record read is written
        }
        // a write that ended after a rebalance took its partitions away settles their offsets too: not ours to commit
        writtenOffsets.keySet().retainAll(context.assignment());
        return new HashMap<>(writtenOffsets);
    }

    /** True when the writer is busy and a batch's worth of rows waits for it. */
    private boolean behind() {
        return !pipeline.idle() && waitingRows() >= config.batchSize();
    }

    /** Rows waiting for the writer: set aside for the next write, and still in their buffers. */
    private int waitingRows() {
        int rows = drainedRows;
        for (TableBuffer buffer : buffers.values()) {
            rows += buffer.size();
        }
        return rows;
    }

    /** Sets a buffer's rows aside for the next write; hands them over once a batch's worth waits, if it can. */
    private void drain(TableBuffer buffer) {
        if (buffer.isEmpty()) {
            return;
        }
        List<SinkRow> rows = buffer.drain();
        drained.add(new Segment(buffer.table(), rows));
        drainedRows += rows.size();
        if (drainedRows >= config.batchSize() && pipeline.idle()) {
            dispatch();
        }
    }

    /**
     * Hands every buffered row (and the offsets read so far, which exactly-once stores with them) to the writer, after
     * its current write: callers make sure it is idle, or accept waiting for it.
     */
    private void dispatch() {
        for (TableBuffer buffer : buffers.values()) {
            if (!buffer.isEmpty()) {
                drained.add(new Segment(buffer.table(), buffer.drain()));
            }
        }
        if (drained.isEmpty() && unwrittenOffsets.isEmpty()) {
            return;
        }
        List<Segment> segments = List.copyOf(drained);
        Map<TopicPartition, Long> offsets = Map.copyOf(unwrittenOffsets);
        drained.clear();
        drainedRows = 0;
        unwrittenOffsets.clear();
        settle(pipeline.submit(() -> writer.writeAtomically(segments, offsetStore, offsets)));
        inFlightOffsets = offsets;
    }

    /**
     * After a write ended: reports the rows the database rejected to the dead-letter queue (from the task thread, as
     * the worker expects), and its records' offsets may then be committed.
     */
    private void settle(List<RefusedRow> rejected) {
        for (RefusedRow row : rejected) {
            metrics.deadLettered();
            deadLetters.route(row.record(), row.reason());
        }
        if (inFlightOffsets != null) {
            inFlightOffsets.forEach((partition, next) -> writtenOffsets.put(partition, new OffsetAndMetadata(next)));
            inFlightOffsets = null;
        }
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
