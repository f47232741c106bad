package io.cqrsconnect.jdbc.sink.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.common.readmodel.LogicalNameSwitch;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.common.record.RecordCoordinates;
import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.TableDefinition;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import io.cqrsconnect.jdbc.sink.config.TableNameTemplate;
import io.cqrsconnect.jdbc.sink.readmodel.JdbcViewSwitch;
import io.cqrsconnect.jdbc.sink.write.JdbcConnection;
import io.cqrsconnect.rebuild.ReadModelStore;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The JDBC sink's read models for a rebuild: a logical name per table the sink's {@code table.name.format} names,
 * each a view switched in one transaction ({@link JdbcViewSwitch}) over its generations' tables.
 */
public final class JdbcReadModelStore implements ReadModelStore {

    private JdbcSinkConnectorConfig config;
    private SinkDialect dialect;
    private JdbcConnection connection;
    private JdbcViewSwitch views;

    @Override
    public void open(Map<String, String> sinkConfig) {
        config = new JdbcSinkConnectorConfig(sinkConfig);
        dialect = Dialects.find(config.connectionUrl(), config.dialectName(),
                JdbcSinkConnectorConfig.DIALECT_NAME_CONFIG, SinkDialect.class);
        connection = new JdbcConnection(config.connectionUrl(), config.connectionUser(),
                config.connectionPassword().value(), dialect, JdbcConnection::open);
        views = new JdbcViewSwitch(dialect, connection::get);
    }

    /**
     * The logical name of each topic's table, derived as the sink derives it: the format rendered for the topic,
     * made safe for the database, cut to leave room for the generation suffix.
     */
    @Override
    public List<String> logicalNames(Map<String, String> sinkConfig, List<String> topics) {
        TableNameTemplate template = config.tableNameTemplate();
        if (template.needsSource()) {
            throw new ConnectException("table.name.format '" + template + "' names tables after the source of each "
                    + "change event, which a rebuild cannot know before it reads them; rebuilds support formats "
                    + "built from ${topic} and literals for now");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String topic : topics) {
            ChangeEvent probe = new ChangeEvent(new RecordCoordinates(topic, 0, 0), Operation.DELETE, null, null,
                    null, null, true, null);
            TableId table = template.render(probe, dialect::tableName);
            if (config.readModelGeneration() == 0) {
                names.add(table.toString()); // the table itself (an in-place rebuild): no suffix to leave room for
                continue;
            }
            String logical = dialect.identifierRules().leavingRoomFor(ReadModelGeneration.MAX_SUFFIX_LENGTH,
                    table.name());
            names.add(table.sibling(logical).toString());
        }
        return List.copyOf(names);
    }

    @Override
    public LogicalNameSwitch names() {
        return views;
    }

    /**
     * Deletes every row of the table in one transaction; the table itself stays, with its columns, indexes and
     * grants (the sink adds the columns a changed config needs). Readers wait on the delete, then see it empty.
     */
    @Override
    public void clear(String physicalName) throws SQLException {
        Connection db = connection.get();
        try {
            TableId table = TableId.parse(physicalName);
            Optional<TableDefinition> existing = dialect.describeTable(db, table);
            if (existing.isEmpty()) {
                return;
            }
            try (Statement statement = db.createStatement()) {
                statement.executeUpdate(dialect.sql().append("DELETE FROM ").table(existing.get().name()).toString());
            }
            db.commit();
        } catch (SQLException e) {
            connection.rollbackQuietly();
            connection.reset();
            throw e;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
