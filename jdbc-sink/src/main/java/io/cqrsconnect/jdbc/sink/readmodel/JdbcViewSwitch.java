package io.cqrsconnect.jdbc.sink.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cqrsconnect.common.readmodel.LogicalNameSwitch;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.TableDefinition;
import io.cqrsconnect.jdbc.common.TableId;

/**
 * A relational read model's logical name as a view over one generation's table ({@code orders} over
 * {@code orders__g3}): the view is replaced in one transaction (or one {@code CREATE OR REPLACE VIEW} where DDL is
 * not transactional), so readers never find it missing or half-switched. Which generation the view shows is read
 * back from the view's definition. A logical name may be qualified ({@code readmodels.orders}): the view and its
 * generations' tables are then in that schema.
 */
public final class JdbcViewSwitch implements LogicalNameSwitch {

    /** Where the switch gets its connection (auto-commit off); the caller owns it. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** Reads of a view's definition before a failure is the caller's; each one that fails was beaten by a switch. */
    private static final int READ_ATTEMPTS = 3;

    private final SinkDialect dialect;
    private final ConnectionSource connections;

    public JdbcViewSwitch(SinkDialect dialect, ConnectionSource connections) {
        this.dialect = dialect;
        this.connections = connections;
    }

    @Override
    public Optional<ReadModelGeneration> current(String logicalName) throws SQLException {
        Connection connection = connections.get();
        TableId view = stored(connection, TableId.parse(logicalName));
        Optional<String> definition = definition(connection, view);
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(view.name())
                + Pattern.quote(ReadModelGeneration.SEPARATOR) + "([1-9][0-9]{0,8})(?![0-9])")
                .matcher(definition.get());
        return matcher.find() ? Optional.of(new ReadModelGeneration(logicalName, Integer.parseInt(matcher.group(1))))
                : Optional.empty();
    }

    /**
     * The view's definition, read again when the view was replaced while it was being read: PostgreSQL lists the old
     * view from its catalog snapshot and then fails to open it ("could not open relation with OID"), which says
     * nothing but that a switch happened a moment ago. The transaction is rolled back after a failure, so the
     * connection stays usable.
     */
    private Optional<String> definition(Connection connection, TableId view) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<String> definition = dialect.viewDefinition(connection, view);
                connection.commit();
                return definition;
            } catch (SQLException e) {
                connection.rollback();
                if (attempt == READ_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public List<ReadModelGeneration> generations(String logicalName) throws SQLException {
        Connection connection = connections.get();
        TableId logical = TableId.parse(logicalName);
        List<ReadModelGeneration> generations = new ArrayList<>();
        for (String table : dialect.tableNames(connection, logical.schema())) {
            ReadModelGeneration.parse(table)
                    .filter(generation -> generation.logicalName().equals(logical.name()))
                    .ifPresent(generation -> generations.add(new ReadModelGeneration(logicalName,
                            generation.generation())));
        }
        connection.commit();
        generations.sort(Comparator.comparingInt(ReadModelGeneration::generation));
        return generations;
    }

    /** True when the logical name is taken by something that is not a view (a table), which a view cannot replace. */
    public boolean isTable(String logicalName) throws SQLException {
        Connection connection = connections.get();
        TableId logical = TableId.parse(logicalName);
        boolean table = dialect.describeTable(connection, logical)
                .filter(definition -> definition.name().name().equals(logical.name())).isPresent()
                && dialect.viewDefinition(connection, stored(connection, logical)).isEmpty();
        connection.commit();
        return table;
    }

    @Override
    public void pointTo(ReadModelGeneration target) throws SQLException {
        Connection connection = connections.get();
        Optional<TableDefinition> table = dialect.describeTable(connection, TableId.parse(target.physicalName()));
        if (table.isEmpty()) {
            connection.rollback();
            throw new IllegalStateException("read model generation " + target + " has no table to point '"
                    + target.logicalName() + "' at");
        }
        TableId view = table.get().name().sibling(TableId.parse(target.logicalName()).name());
        try (Statement statement = connection.createStatement()) {
            for (String sql : dialect.replaceView(view, table.get().name())) {
                statement.executeUpdate(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    @Override
    public void retire(ReadModelGeneration generation) throws SQLException {
        if (current(generation.logicalName()).filter(generation::equals).isPresent()) {
            throw new IllegalStateException("read model '" + generation.logicalName() + "' points at " + generation
                    + ": switch it to another generation before retiring this one");
        }
        Connection connection = connections.get();
        TableId table = stored(connection, TableId.parse(generation.physicalName()));
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(dialect.sql().append("DROP TABLE ").table(table).toString());
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * DDL that changes column types of a generation's table, wrapped for a database whose views pin the types of
     * their columns ({@link SinkDialect#viewsPinColumnTypes}): when the logical name's view shows this table, it is
     * dropped first and recreated last. Run in one transaction (PostgreSQL's DDL is transactional), readers wait on
     * the change and never find the view missing.
     */
    public List<String> aroundColumnTypeChanges(TableId table, List<String> ddl) throws SQLException {
        Optional<ReadModelGeneration> physical = ReadModelGeneration.parse(table.name());
        if (physical.isEmpty()) {
            return ddl;
        }
        TableId view = table.sibling(physical.get().logicalName());
        boolean shown = current(view.toString())
                .filter(shows -> shows.generation() == physical.get().generation()).isPresent();
        if (!shown) {
            return ddl;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add(dialect.sql().append("DROP VIEW ").table(view).toString());
        wrapped.addAll(ddl);
        wrapped.addAll(dialect.replaceView(view, table));
        return wrapped;
    }

    /** The name with its schema spelled as the database stores it (a schema created unquoted may be folded). */
    private TableId stored(Connection connection, TableId table) throws SQLException {
        if (!table.qualified()) {
            return table;
        }
        return dialect.storedSchema(connection, table.schema()).map(schema -> new TableId(schema, table.name()))
                .orElse(table);
    }
}
