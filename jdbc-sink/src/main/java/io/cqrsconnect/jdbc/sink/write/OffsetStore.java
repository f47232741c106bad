package io.cqrsconnect.jdbc.sink.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.RowWriter;
import io.cqrsconnect.jdbc.common.SchemaSupport;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.common.WriteShape;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The connector's consumed offsets kept in the target database (exactly-once mode): one row per connector, topic and
 * partition holding the next offset to read, written in the same transaction as the rows those records produced.
 * When partitions are assigned the task seeks to these offsets, so a crash or rebalance neither loses nor repeats a
 * write, whatever Kafka's own committed offsets say.
 */
public final class OffsetStore {

    public static final String CONNECTOR_COLUMN = "connector";
    public static final String TOPIC_COLUMN = "kafka_topic";
    public static final String PARTITION_COLUMN = "kafka_partition";
    public static final String NEXT_OFFSET_COLUMN = "next_offset";

    private final SinkDialect dialect;
    private final TableId configured;
    private final String connector;
    private final RowWriter writer;
    /** The table with its schema as the database spells it, and how its rows are written: set by ensureTable. */
    private TableId table;
    private WriteShape shape;

    public OffsetStore(SinkDialect dialect, TableId table, String connector) {
        this.dialect = dialect;
        this.configured = table;
        this.connector = connector;
        this.writer = new RowWriter(dialect);
    }

    /**
     * Creates the offsets table when it does not exist yet (it is the connector's own table). Its schema, when the
     * setting names one, must exist: like the target tables, the connector creates tables, never schemas.
     *
     * @throws ConnectException when the schema the setting names does not exist
     */
    void ensureTable(Connection connection) throws SQLException {
        if (table != null) {
            return;
        }
        TableId resolved = inExistingSchema(connection);
        List<ColumnSpec> columns = List.of(
                new ColumnSpec(CONNECTOR_COLUMN, Schema.STRING_SCHEMA, true),
                new ColumnSpec(TOPIC_COLUMN, Schema.STRING_SCHEMA, true),
                new ColumnSpec(PARTITION_COLUMN, Schema.INT32_SCHEMA, true),
                new ColumnSpec(NEXT_OFFSET_COLUMN, Schema.INT64_SCHEMA, false));
        WriteShape resolvedShape = new WriteShape(resolved, columns,
                List.of(CONNECTOR_COLUMN, TOPIC_COLUMN, PARTITION_COLUMN), null);
        if (dialect.describeTable(connection, resolved).isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(dialect.createTable(resolved, resolvedShape.columns(),
                        resolvedShape.keyColumns()));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                if (dialect.describeTable(connection, resolved).isEmpty()) {
                    throw e; // not a concurrent creation by another task
                }
            }
        }
        table = resolved;
        shape = resolvedShape;
    }

    /** The configured table with its schema spelled as stored (a DBA's unquoted name may be folded, e.g. on H2). */
    private TableId inExistingSchema(Connection connection) throws SQLException {
        if (!configured.qualified()) {
            return configured;
        }
        Optional<String> schema = dialect.storedSchema(connection, configured.schema());
        if (schema.isEmpty()) {
            String kind = dialect.schemaSupport() == SchemaSupport.CATALOG ? "database" : "schema";
            throw new ConnectException("The " + kind + " '" + configured.schema() + "' of the offsets table does not "
                    + "exist (" + JdbcSinkConnectorConfig.EXACTLY_ONCE_OFFSETS_TABLE_CONFIG + "=" + configured
                    + "). The connector creates tables, never " + kind + "s: create it (CREATE "
                    + kind.toUpperCase(Locale.ROOT) + " " + configured.schema() + ") and let connection.user create "
                    + "tables in it, or change " + JdbcSinkConnectorConfig.EXACTLY_ONCE_OFFSETS_TABLE_CONFIG + ".");
        }
        return new TableId(schema.get(), configured.name());
    }

    /** The stored next offsets of these partitions; partitions never written are absent. */
    public Map<TopicPartition, Long> read(Connection connection, Collection<TopicPartition> partitions)
            throws SQLException {
        ensureTable(connection);
        String sql = dialect.sql().append("SELECT ").identifier(TOPIC_COLUMN).append(", ")
                .identifier(PARTITION_COLUMN).append(", ").identifier(NEXT_OFFSET_COLUMN).append(" FROM ")
                .table(table).append(" WHERE ").identifier(CONNECTOR_COLUMN).append(" = ").parameter()
                .toString();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, connector);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    TopicPartition partition = new TopicPartition(rows.getString(1), rows.getInt(2));
                    if (partitions.contains(partition)) {
                        offsets.put(partition, rows.getLong(3));
                    }
                }
            }
        }
        connection.commit();
        return offsets;
    }

    /** Removes the stored offsets of these partitions in the caller's transaction (the caller commits). */
    public void forget(Connection connection, Collection<TopicPartition> partitions) throws SQLException {
        if (partitions.isEmpty()) {
            return;
        }
        ensureTable(connection);
        List<Object[]> rows = new ArrayList<>(partitions.size());
        partitions.forEach(partition -> rows.add(new Object[] {connector, partition.topic(), partition.partition()}));
        writer.delete(connection, table, shape.columns().stream().filter(ColumnSpec::key).toList(), null, rows);
    }

    /** Stores next offsets in the caller's transaction (the caller commits). */
    public void store(Connection connection, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        if (nextOffsets.isEmpty()) {
            return;
        }
        ensureTable(connection);
        List<Object[]> rows = new ArrayList<>(nextOffsets.size());
        nextOffsets.forEach((partition, offset) ->
                rows.add(new Object[] {connector, partition.topic(), partition.partition(), offset}));
        writer.upsert(connection, shape, rows);
    }
}
