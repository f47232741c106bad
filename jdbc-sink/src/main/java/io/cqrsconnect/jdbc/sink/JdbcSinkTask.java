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
 * Reads each record once into a change event, maps it to a row of its target table, buffers rows per table (last
 * write wins per key) and writes every buffer at the end of each {@link #put}, when it reaches {@code batch.size},
 * or when a row cannot join it (schema change, insert-mode key repeat). Because every buffer is written before
 * {@code put} returns, the offsets {@link #preCommit} returns are those of rows already committed to the database
 * or reported to the dead-letter queue.
 *
 * <p>With {@code exactly.once.enabled} each put is one transaction holding its rows and the next offset of every
 * partition it read ({@link OffsetStore}); {@link #open} seeks to those stored offsets.
 */
public class JdbcSinkTask extends SinkTask {

    private JdbcSinkConnectorConfig config;
    private final ChangeEventReader reader = new ChangeEventReader();
    private RecordMapper mapper;
    private JdbcConnection connection;
    private TableWriter writer;
    private DeadLetterRouter deadLetters;
    private SinkMetrics metrics;
    private final Map<String, TableBuffer> buffers = new LinkedHashMap<>();
    private Retrier retrier;
    /** Exactly-once mode only: the offsets table, and the rows of a put drained early (size, schema change). */
    private OffsetStore offsetStore;
    private final List<TableWriter.Segment> drained = new ArrayList<>();

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
                config.connectionPassword().value(), dialect);
        mapper = new RecordMapper(config, dialect::tableName);
        deadLetters = DeadLetterRouter.of(context);
        metrics = new SinkMetrics(TaskMetrics.of(context));
        retrier = new Retrier(config.retryPolicy(), error -> error instanceof SQLException sql
                && dialect.errors().classify(sql) == SqlErrorKind.TRANSIENT);
        JdbcViewSwitch views = config.readModelGeneration() > 0 ? new JdbcViewSwitch(dialect, connection::get) : null;
        writer = new TableWriter(dialect, connection, new TableManager(dialect, config, views), retrier, deadLetters,
                metrics, config.insertMode());
        if (config.exactlyOnce()) {
            String connector = props.getOrDefault("name", "jdbc-sink");
            offsetStore = new OffsetStore(dialect, config.exactlyOnceOffsetsTable(), connector);
        }
    }

    /** In exactly-once mode, resumes each assigned partition from the offset stored with its rows. */
    @Override
    public void open(Collection<TopicPartition> partitions) {
        if (offsetStore == null || partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored;
        try {
            stored = retrier.call("reading stored offsets", () -> {
                try {
                    return offsetStore.read(connection.get(), partitions);
                } catch (SQLException e) {
                    connection.rollbackQuietly();
                    connection.reset();
                    throw e;
                }
            });
        } catch (SQLException e) {
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
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        for (SinkRecord record : records) {
            if (offsetStore != null) {
                nextOffsets.put(new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
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
                flush(buffer);
            }
            buffer.add(row);
            if (buffer.size() >= config.batchSize()) {
                flush(buffer);
            }
        }
        if (offsetStore == null) {
            flushAll();
            return;
        }
        buffers.values().forEach(this::flush);
        List<TableWriter.Segment> segments = new ArrayList<>(drained);
        drained.clear();
        writer.writeAtomically(segments, offsetStore, nextOffsets);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        flushAll();
        return currentOffsets;
    }

    private void flushAll() {
        if (offsetStore != null) {
            return; // every put ends with its rows and offsets committed together
        }
        for (TableBuffer buffer : buffers.values()) {
            flush(buffer);
        }
    }

    /** Writes a buffer now; in exactly-once mode, sets its rows aside for the put's one transaction instead. */
    private void flush(TableBuffer buffer) {
        if (buffer.isEmpty()) {
            return;
        }
        if (offsetStore != null) {
            drained.add(new TableWriter.Segment(buffer.table(), buffer.drain()));
        } else {
            writer.write(buffer.table(), buffer.drain());
        }
    }

    /** The task's metrics, for tests (on a worker without plugin metrics they live in a private registry). */
    TaskMetrics metrics() {
        return metrics.registry();
    }

    @Override
    public void stop() {
        buffers.clear();
        if (connection != null) {
            connection.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
