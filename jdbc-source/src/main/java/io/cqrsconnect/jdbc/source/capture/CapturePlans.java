package io.cqrsconnect.jdbc.source.capture;

import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.INCREMENTING_COLUMN_NAME_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.MODE_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.PK_FIELDS_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.QUERY_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.TABLE_INCLUDE_LIST_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.TIMESTAMP_COLUMN_NAME_CONFIG;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TableDefinition;
import io.cqrsconnect.jdbc.common.TrackingKind;
import io.cqrsconnect.jdbc.source.config.CaptureMode;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;

/**
 * Settles how a target is read, asking the database once: the result's columns (from the target's query with a
 * condition no row meets), the key (the table's primary key, or {@code pk.fields}), and the mode's ordering columns,
 * each checked to exist and to be able to order reads. A target that does not fit its mode is a {@link PlanProblem}
 * naming the setting to change: {@code validate()} reports it, a task refuses to start on it.
 */
public final class CapturePlans {

    private CapturePlans() {
    }

    public static CapturePlan plan(Connection connection, SourceDialect dialect, JdbcSourceConnectorConfig config,
                                   CaptureTarget target) throws PlanProblem, SQLException {
        List<ResultColumn> columns = columns(connection, dialect, target);
        List<String> keys = keyColumns(connection, dialect, config, target, columns);
        Optional<OrderColumn> incrementing = incrementing(connection, dialect, config, target, columns);
        Optional<OrderColumn> timestamp = timestamp(dialect, config, target, columns);
        List<ResultColumn> captured = ColumnSelection.captured(connection, dialect, config.columns(), target,
                columns);
        ColumnSelection.check(connection, dialect, config.columns(), target, captured,
                needed(keys, incrementing, timestamp));
        return new CapturePlan(target, config.mode(), columns, captured, config.columns().decimals(), keys,
                incrementing, timestamp, order(dialect, config.mode(), target, columns, keys, incrementing,
                timestamp));
    }

    /**
     * Every reason a target cannot be captured as configured, each on its key, where {@link #plan} stops at the
     * first: what {@code validate()} reports.
     */
    public static void collectProblems(Connection connection, SourceDialect dialect, JdbcSourceConnectorConfig config,
                                       CaptureTarget target, ConfigProblems problems) throws SQLException {
        List<ResultColumn> columns;
        try {
            columns = columns(connection, dialect, target);
        } catch (PlanProblem e) {
            problems.add(e.configKey(), e.getMessage());
            return;
        }
        List<String> keys = null;
        Optional<OrderColumn> incrementing = null;
        Optional<OrderColumn> timestamp = null;
        try {
            keys = keyColumns(connection, dialect, config, target, columns);
        } catch (PlanProblem e) {
            problems.add(e.configKey(), e.getMessage());
        }
        try {
            incrementing = incrementing(connection, dialect, config, target, columns);
        } catch (PlanProblem e) {
            problems.add(e.configKey(), e.getMessage());
        }
        try {
            timestamp = timestamp(dialect, config, target, columns);
        } catch (PlanProblem e) {
            problems.add(e.configKey(), e.getMessage());
        }
        if (keys != null && incrementing != null && timestamp != null) {
            try {
                order(dialect, config.mode(), target, columns, keys, incrementing, timestamp);
                ColumnSelection.check(connection, dialect, config.columns(), target, ColumnSelection.captured(
                        connection, dialect, config.columns(), target, columns),
                        needed(keys, incrementing, timestamp));
            } catch (PlanProblem e) {
                problems.add(e.configKey(), e.getMessage());
            }
        }
    }

    /** The columns a read cannot do without, whatever the column lists say. */
    private static List<ColumnSelection.Needed> needed(List<String> keys, Optional<OrderColumn> incrementing,
                                                       Optional<OrderColumn> timestamp) {
        List<ColumnSelection.Needed> needed = new ArrayList<>();
        keys.forEach(key -> needed.add(new ColumnSelection.Needed(key, "a key column", PK_FIELDS_CONFIG)));
        incrementing.ifPresent(column -> needed.add(new ColumnSelection.Needed(column.name(),
                "the incrementing column", INCREMENTING_COLUMN_NAME_CONFIG)));
        timestamp.ifPresent(column -> needed.add(new ColumnSelection.Needed(column.name(), "the timestamp column",
                TIMESTAMP_COLUMN_NAME_CONFIG)));
        return needed;
    }

    private static List<ResultColumn> columns(Connection connection, SourceDialect dialect, CaptureTarget target)
            throws PlanProblem {
        List<ResultColumn> columns = probe(connection, dialect, target);
        List<String> seen = new ArrayList<>();
        for (ResultColumn column : columns) {
            if (seen.stream().anyMatch(name -> name.equalsIgnoreCase(column.name()))) {
                throw new PlanProblem(target instanceof CaptureTarget.Query ? QUERY_CONFIG : TABLE_INCLUDE_LIST_CONFIG,
                        target + " has two columns named '" + column.name() + "': give them distinct names (AS)");
            }
            seen.add(column.name());
        }
        return columns;
    }

    private static Optional<OrderColumn> incrementing(Connection connection, SourceDialect dialect,
                                                      JdbcSourceConnectorConfig config, CaptureTarget target,
                                                      List<ResultColumn> columns) throws PlanProblem, SQLException {
        if (!config.mode().usesIncrementing()) {
            return Optional.empty();
        }
        ResultColumn column = column(columns, config.incrementingColumn(), target, INCREMENTING_COLUMN_NAME_CONFIG);
        if (dialect.trackingKind(column).orElse(null) != TrackingKind.INTEGER) {
            throw new PlanProblem(INCREMENTING_COLUMN_NAME_CONFIG, "column '" + column.name() + "' of " + target
                    + " is " + column.typeName() + ", not an integer: name an integer column that grows with each "
                    + "insert");
        }
        if (target instanceof CaptureTarget.Table table && !unique(connection, dialect, table, column.name())) {
            throw new PlanProblem(INCREMENTING_COLUMN_NAME_CONFIG, "column '" + column.name() + "' of " + target
                    + " is neither the primary key nor alone in a unique index, so its values may repeat: rows "
                    + "sharing a value with the last one read would be skipped. Name a strictly increasing column "
                    + "(an auto-increment or identity key), or add a unique index on it");
        }
        return Optional.of(new OrderColumn(column.name(), TrackingKind.INTEGER));
    }

    /** Whether a column alone tells a table's rows apart: its primary key, or alone in a unique index. */
    private static boolean unique(Connection connection, SourceDialect dialect, CaptureTarget.Table table,
                                  String column) throws SQLException {
        Optional<TableDefinition> definition = dialect.describeTable(connection, table.id());
        if (definition.isEmpty()) {
            return true; // not a table the catalog lists (a view): nothing to tell, the probe read it
        }
        List<String> alone = List.of(column.toLowerCase(Locale.ROOT));
        if (lowerCase(definition.get().primaryKey()).equals(alone)) {
            return true;
        }
        return dialect.uniqueIndexes(connection, definition.get()).stream().map(CapturePlans::lowerCase)
                .anyMatch(alone::equals);
    }

    private static List<String> lowerCase(List<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    private static Optional<OrderColumn> timestamp(SourceDialect dialect, JdbcSourceConnectorConfig config,
                                                   CaptureTarget target, List<ResultColumn> columns)
            throws PlanProblem {
        if (!config.mode().usesTimestamp()) {
            return Optional.empty();
        }
        ResultColumn column = column(columns, config.timestampColumn(), target, TIMESTAMP_COLUMN_NAME_CONFIG);
        Optional<TrackingKind> kind = dialect.trackingKind(column);
        boolean temporal = kind.isPresent() && (kind.get() == TrackingKind.WALL_CLOCK
                || kind.get() == TrackingKind.INSTANT || kind.get() == TrackingKind.UTC_CLOCK
                || kind.get() == TrackingKind.TEXT && !column.baseTypeName().contains("char"));
        if (!temporal) {
            throw new PlanProblem(TIMESTAMP_COLUMN_NAME_CONFIG, "column '" + column.name() + "' of " + target
                    + " is " + column.typeName() + ", not a timestamp: name a timestamp column set on every insert "
                    + "and update");
        }
        return Optional.of(new OrderColumn(column.name(), kind.get()));
    }

    private static List<OrderColumn> order(SourceDialect dialect, CaptureMode mode, CaptureTarget target,
                                           List<ResultColumn> columns, List<String> keys,
                                           Optional<OrderColumn> incrementing, Optional<OrderColumn> timestamp)
            throws PlanProblem {
        List<OrderColumn> order = new ArrayList<>();
        timestamp.ifPresent(order::add);
        switch (mode) {
            case INCREMENTING, TIMESTAMP_INCREMENTING -> order.add(incrementing.orElseThrow());
            case TIMESTAMP -> order.addAll(keyOrder(dialect, columns, keys, target, true));
            case BULK -> order.addAll(keyOrder(dialect, columns, keys, target, false));
        }
        return order;
    }

    /** The columns of a target's result, read from a query no row meets. */
    public static List<ResultColumn> probe(Connection connection, SourceDialect dialect, CaptureTarget target)
            throws PlanProblem {
        SqlBuilder sql = dialect.sql().append("SELECT * FROM ");
        target.appendFrom(sql, dialect).append(" WHERE 1 = 0");
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql.toString())) {
            ResultSetMetaData metaData = rows.getMetaData();
            List<ResultColumn> columns = new ArrayList<>();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                columns.add(ResultColumn.of(metaData, i));
            }
            return columns;
        } catch (SQLException e) {
            boolean query = target instanceof CaptureTarget.Query;
            throw new PlanProblem(query ? QUERY_CONFIG : TABLE_INCLUDE_LIST_CONFIG, "the database cannot read "
                    + target + (query ? " wrapped as " + sql : "") + ": " + e.getMessage());
        }
    }

    private static List<String> keyColumns(Connection connection, SourceDialect dialect,
                                           JdbcSourceConnectorConfig config, CaptureTarget target,
                                           List<ResultColumn> columns) throws PlanProblem, SQLException {
        List<String> wanted = config.keyColumns();
        if (wanted.isEmpty() && target instanceof CaptureTarget.Table table) {
            wanted = dialect.describeTable(connection, table.id()).map(TableDefinition::primaryKey)
                    .orElse(List.of());
            if (wanted.isEmpty()) {
                throw new PlanProblem(PK_FIELDS_CONFIG, target + " has no primary key, and every record is keyed: "
                        + "set pk.fields to the columns that identify its rows");
            }
        }
        List<String> keys = new ArrayList<>();
        for (String name : wanted) {
            keys.add(column(columns, name, target, PK_FIELDS_CONFIG).name());
        }
        return keys;
    }

    private static List<OrderColumn> keyOrder(SourceDialect dialect, List<ResultColumn> columns, List<String> keys,
                                              CaptureTarget target, boolean required) throws PlanProblem {
        List<OrderColumn> order = new ArrayList<>();
        for (String key : keys) {
            ResultColumn column = columns.stream().filter(each -> each.name().equals(key)).findFirst().orElseThrow();
            Optional<TrackingKind> kind = dialect.trackingKind(column);
            if (kind.isEmpty()) {
                if (required) {
                    throw new PlanProblem(MODE_CONFIG, "key column '" + key + "' of " + target + " is "
                            + column.typeName() + ", which cannot break ties between rows sharing a timestamp: use "
                            + "mode=timestamp_incrementing with an incrementing column");
                }
                return List.of();
            }
            order.add(new OrderColumn(key, kind.get()));
        }
        return order;
    }

    /** The result column a setting names: the exact name first, then ignoring case. */
    private static ResultColumn column(List<ResultColumn> columns, String name, CaptureTarget target, String key)
            throws PlanProblem {
        Optional<ResultColumn> exact = columns.stream().filter(c -> c.name().equals(name)).findFirst();
        if (exact.isPresent()) {
            return exact.get();
        }
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new PlanProblem(key, target + " has no column '" + name + "'; its columns are "
                        + columns.stream().map(ResultColumn::name).toList()));
    }
}
