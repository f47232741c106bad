package io.cqrsconnect.jdbc.source.capture;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cqrsconnect.jdbc.common.ColumnDefinition;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableDefinition;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.json.JsonReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's source signaling channel ({@code signal.data.collection}): a table with columns {@code id},
 * {@code type} and {@code data} that users insert signals into, read by each task at most every poll interval. A row
 * of type {@code execute-snapshot} whose {@code data} is {@code {"data-collections": ["schema.table", ...],
 * "type": "incremental"}} asks for the named tables to be snapshotted again; other types are left to whoever
 * handles them. Rows are never deleted here: what ran for a table is remembered in its offset
 * ({@link SnapshotSignals}).
 */
public final class SignalTable {

    private static final Logger LOG = LoggerFactory.getLogger(SignalTable.class);
    /** The signal type that re-runs snapshots, as Debezium names it. */
    public static final String EXECUTE_SNAPSHOT = "execute-snapshot";
    /** The columns a signal table has, as Debezium's. */
    public static final List<String> COLUMNS = List.of("id", "type", "data");

    /** An {@code execute-snapshot} signal: its id and the tables it names, as written. */
    public record Signal(String id, List<String> dataCollections) {

        /** True when the signal names {@code table}: as printed, or by its name alone, ignoring case. */
        public boolean names(TableId table) {
            for (String named : dataCollections) {
                String name = named.trim();
                int dot = name.lastIndexOf('.');
                if (name.equalsIgnoreCase(table.toString()) || name.equalsIgnoreCase(table.name())
                        || !table.qualified() && dot >= 0 && name.substring(dot + 1).equalsIgnoreCase(table.name())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What one read found: every id present (to prune what tables remember), and the snapshot signals. */
    public record Signals(Set<String> ids, List<Signal> snapshots) {
    }

    private final TableId table;
    private final SourceDialect dialect;
    private final long intervalMs;
    private long nextReadMs;
    /** The table and its columns as the database stores their names, once looked up; null before. */
    private TableId storedTable;
    private List<String> storedColumns;

    public SignalTable(TableId table, SourceDialect dialect, Duration pollInterval) {
        this.table = table;
        this.dialect = dialect;
        this.intervalMs = pollInterval.toMillis();
    }

    /** The signals present now, when a poll interval has passed since the last read; else null. */
    public Signals readIfDue(Connection connection, long nowMs) throws SQLException {
        if (nowMs < nextReadMs) {
            return null;
        }
        nextReadMs = nowMs + intervalMs;
        resolve(connection);
        String sql = dialect.sql().append("SELECT ").identifiers(storedColumns).append(" FROM ").table(storedTable)
                .toString();
        Set<String> ids = new HashSet<>();
        List<Signal> snapshots = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                String id = rows.getString(1);
                if (id == null) {
                    continue;
                }
                ids.add(id);
                String type = rows.getString(2);
                if (type != null && EXECUTE_SNAPSHOT.equalsIgnoreCase(type.trim())) {
                    snapshots.add(new Signal(id, dataCollections(id, rows.getString(3))));
                }
            }
        }
        return new Signals(ids, snapshots);
    }

    /**
     * Looks the table up as the user wrote it (a database that folds unquoted names, such as H2, stores
     * {@code cqrs_signals} as {@code CQRS_SIGNALS}), once.
     *
     * @throws SQLException when it or one of its columns does not exist: the task fails saying so
     */
    private void resolve(Connection connection) throws SQLException {
        if (storedTable != null) {
            return;
        }
        TableDefinition definition = dialect.describeTable(connection, table).orElseThrow(() -> new SQLException(
                "the signal table " + table + " (signal.data.collection) does not exist: create it with the "
                        + "columns id, type and data (text)", "42P01"));
        List<String> columns = new ArrayList<>();
        for (String name : COLUMNS) {
            columns.add(definition.column(name).map(ColumnDefinition::name).orElseThrow(() -> new SQLException(
                    "the signal table " + table + " (signal.data.collection) has no column " + name
                            + "; a signal table has the columns id, type and data (text)", "42703")));
        }
        storedColumns = columns;
        storedTable = definition.name();
    }

    /**
     * Reads the signals when due and hands each snapshot signal to the targets it names; a target starts a snapshot
     * only for a signal it has not executed yet.
     */
    public void dispatch(Connection connection, long nowMs, List<? extends SignalTarget> targets) throws SQLException {
        Signals found = readIfDue(connection, nowMs);
        if (found == null) {
            return;
        }
        for (SignalTarget target : targets) {
            TableId captured = target.signalTable();
            if (captured == null) {
                continue;
            }
            target.retainSignals(found.ids());
            for (Signal signal : found.snapshots()) {
                if (signal.names(captured) && target.resnapshot(signal.id())) {
                    LOG.info("Signal '{}' ({}): snapshotting {} again while the task's other tables are captured",
                            signal.id(), EXECUTE_SNAPSHOT, captured);
                }
            }
        }
    }

    /** The tables a signal's data names; none (and a warning) when it is not of Debezium's form. */
    static List<String> dataCollections(String id, String data) {
        try {
            if (data != null && JsonReader.read(data) instanceof Map<?, ?> object
                    && object.get("data-collections") instanceof List<?> names) {
                return names.stream().filter(String.class::isInstance).map(String.class::cast).toList();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        LOG.warn("Signal '{}' of type {} ignored: its data must be {{\"data-collections\": [\"schema.table\", ...]}}, "
                + "not {}", id, EXECUTE_SNAPSHOT, data);
        return List.of();
    }
}
