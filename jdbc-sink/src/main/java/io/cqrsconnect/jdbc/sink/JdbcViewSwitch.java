package io.cqrsconnect.jdbc.sink;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cqrsconnect.common.jdbc.SinkDialect;
import io.cqrsconnect.common.readmodel.LogicalNameSwitch;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;

/**
 * A relational read model's logical name as a view over one generation's table ({@code orders} over
 * {@code orders__g3}): the view is replaced in one transaction (or one {@code CREATE OR REPLACE VIEW} where DDL is
 * not transactional), so readers never find it missing or half-switched. Which generation the view shows is read
 * back from the view's definition.
 */
public final class JdbcViewSwitch implements LogicalNameSwitch {

    /** Where the switch gets its connection (auto-commit off); the caller owns it. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    private final SinkDialect dialect;
    private final ConnectionSource connections;

    public JdbcViewSwitch(SinkDialect dialect, ConnectionSource connections) {
        this.dialect = dialect;
        this.connections = connections;
    }

    @Override
    public Optional<ReadModelGeneration> current(String logicalName) throws SQLException {
        Connection connection = connections.get();
        Optional<String> definition = dialect.viewDefinition(connection, logicalName);
        connection.commit();
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(logicalName)
                + Pattern.quote(ReadModelGeneration.SEPARATOR) + "([1-9][0-9]{0,8})(?![0-9])")
                .matcher(definition.get());
        return matcher.find() ? Optional.of(new ReadModelGeneration(logicalName, Integer.parseInt(matcher.group(1))))
                : Optional.empty();
    }

    @Override
    public List<ReadModelGeneration> generations(String logicalName) throws SQLException {
        Connection connection = connections.get();
        DatabaseMetaData metaData = connection.getMetaData();
        List<ReadModelGeneration> generations = new ArrayList<>();
        try (ResultSet tables = metaData.getTables(connection.getCatalog(), schema(connection), null,
                new String[] {"TABLE", "BASE TABLE"})) {
            while (tables.next()) {
                ReadModelGeneration.parse(tables.getString("TABLE_NAME"))
                        .filter(generation -> generation.logicalName().equals(logicalName))
                        .ifPresent(generations::add);
            }
        }
        connection.commit();
        generations.sort(Comparator.comparingInt(ReadModelGeneration::generation));
        return generations;
    }

    /** True when the logical name is taken by something that is not a view (a table), which a view cannot replace. */
    public boolean isTable(String logicalName) throws SQLException {
        Connection connection = connections.get();
        boolean table = dialect.describeTable(connection, logicalName)
                .filter(definition -> definition.name().equals(logicalName)).isPresent()
                && dialect.viewDefinition(connection, logicalName).isEmpty();
        connection.commit();
        return table;
    }

    @Override
    public void pointTo(ReadModelGeneration target) throws SQLException {
        Connection connection = connections.get();
        if (dialect.describeTable(connection, target.physicalName()).isEmpty()) {
            connection.rollback();
            throw new IllegalStateException("read model generation " + target + " has no table to point '"
                    + target.logicalName() + "' at");
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : dialect.replaceView(target.logicalName(), target.physicalName())) {
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
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(dialect.sql().append("DROP TABLE ").identifier(generation.physicalName())
                    .toString());
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private static String schema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }
}
