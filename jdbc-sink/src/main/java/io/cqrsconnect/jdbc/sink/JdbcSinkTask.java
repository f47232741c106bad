package io.cqrsconnect.jdbc.sink;

import java.sql.SQLException;
import java.util.Collection;
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
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Reads each record once into a change event, maps it to a row of its target table, buffers rows per table (last
 * write wins per key) and writes every buffer at the end of each {@link #put}, when it reaches {@code batch.size},
 * or when a row cannot join it (schema change, insert-mode key repeat). Because every buffer is written before
 * {@code put} returns, the offsets {@link #preCommit} returns are those of rows already committed to the database
 * or reported to the dead-letter queue.
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
        mapper = new RecordMapper(config, dialect.identifierRules());
        deadLetters = DeadLetterRouter.of(context);
        metrics = new SinkMetrics(TaskMetrics.of(context));
        Retrier retrier = new Retrier(config.retryPolicy(), error -> error instanceof SQLException sql
                && dialect.errors().classify(sql) == SqlErrorKind.TRANSIENT);
        writer = new TableWriter(dialect, connection, new TableManager(dialect, config), retrier, deadLetters,
                metrics, config.insertMode());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
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
        flushAll();
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        flushAll();
        return currentOffsets;
    }

    private void flushAll() {
        for (TableBuffer buffer : buffers.values()) {
            flush(buffer);
        }
    }

    private void flush(TableBuffer buffer) {
        if (!buffer.isEmpty()) {
            writer.write(buffer.table(), buffer.drain());
        }
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
