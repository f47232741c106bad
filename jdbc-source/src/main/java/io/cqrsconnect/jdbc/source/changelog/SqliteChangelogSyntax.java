package io.cqrsconnect.jdbc.source.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;

/**
 * SQLite: SQL triggers, one per operation. The changelog is created with the captured columns' declared types
 * spelled out ({@code PRAGMA table_info}), since a derived table would only keep their affinity and the readers
 * choose by declared type. The id is {@code INTEGER PRIMARY KEY AUTOINCREMENT}: without AUTOINCREMENT SQLite would
 * hand out the ids of purged rows again. SQLite runs one write transaction at a time and the id is taken inside it,
 * so ids commit in order; the look-back window only covers rollbacks.
 */
final class SqliteChangelogSyntax implements ChangelogSyntax {

    private static final String TS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    private static final List<String> SUFFIXES = List.of("_ins", "_upd", "_del");

    @Override
    public List<String> createTable(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, type FROM pragma_table_info(?)")) {
            statement.setString(1, layout.table().name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        SqlBuilder sql = dialect.sql().append("CREATE TABLE ").table(layout.changelog()).append(" (")
                .identifier(ChangelogLayout.ID).append(" INTEGER PRIMARY KEY AUTOINCREMENT, ")
                .identifier(ChangelogLayout.OP).append(" TEXT NOT NULL, ")
                .identifier(ChangelogLayout.TX).append(" INTEGER, ")
                .identifier(ChangelogLayout.TS_MS).append(" INTEGER");
        for (String prefix : List.of(ChangelogLayout.BEFORE, ChangelogLayout.AFTER)) {
            for (String column : layout.columns()) {
                String type = types.getOrDefault(column, "");
                sql.append(", ").identifier(prefix + column).append(type.isEmpty() ? "" : " " + type);
            }
        }
        return List.of(sql.append(")").toString());
    }

    @Override
    public List<String> createTriggers(SourceDialect dialect, ChangelogLayout layout) {
        List<String> statements = new ArrayList<>();
        String table = dialect.sql().table(layout.table()).toString();
        String[] events = {"INSERT", "UPDATE", "DELETE"};
        String[] ops = {TriggerInsert.CREATE, TriggerInsert.UPDATE, TriggerInsert.DELETE};
        for (int i = 0; i < events.length; i++) {
            String trigger = dialect.sql().identifier(layout.triggerName(SUFFIXES.get(i))).toString();
            statements.add("DROP TRIGGER IF EXISTS " + trigger);
            statements.add("CREATE TRIGGER " + trigger + " AFTER " + events[i] + " ON " + table
                    + " FOR EACH ROW BEGIN "
                    + TriggerInsert.sql(dialect, layout, ops[i], "OLD", "NEW", "NULL", TS) + "; END");
        }
        return statements;
    }

    @Override
    public boolean triggersInstalled(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM sqlite_master "
                + "WHERE type = 'trigger' AND tbl_name = ? AND name IN (?, ?, ?)")) {
            statement.setString(1, layout.table().name());
            for (int i = 0; i < SUFFIXES.size(); i++) {
                statement.setString(2 + i, layout.triggerName(SUFFIXES.get(i)));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) == SUFFIXES.size();
            }
        }
    }

    @Override
    public Optional<String> installProblem(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException {
        return connection.isReadOnly() ? Optional.of("the connection to " + layout.table() + "'s database file is "
                + "read-only: open it writable, or set changelog.install=false and run the DDL by hand")
                : Optional.empty();
    }
}
