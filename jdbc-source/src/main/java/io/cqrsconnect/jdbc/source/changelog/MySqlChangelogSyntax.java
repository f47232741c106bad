package io.cqrsconnect.jdbc.source.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;

/**
 * MySQL and MariaDB: three one-statement triggers (no BEGIN ... END, so the DDL runs as is in any client, without
 * DELIMITER). Ids come from AUTO_INCREMENT on InnoDB, taken when the trigger runs and never reused while the server
 * runs; before MySQL 8.0 and MariaDB 10.2.4 a server restart resets the counter to the highest id left, so a
 * restart right after a purge of every row could hand out purged ids again (the reader then holds them as seen).
 * Installing needs the TRIGGER and CREATE privileges.
 */
final class MySqlChangelogSyntax implements ChangelogSyntax {

    private static final String TS = "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";
    private static final List<String> SUFFIXES = List.of("_ins", "_upd", "_del");

    /**
     * The image columns are spelled out from {@code information_schema.COLUMNS} ({@code COLUMN_TYPE} holds the exact
     * type: precision, UNSIGNED, ENUM values), each NULL with a NULL default: a derived table would keep a key
     * column's NOT NULL, and an implicit TIMESTAMP default would stamp a before image that has none.
     */
    @Override
    public List<String> createTable(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT COLUMN_NAME, COLUMN_TYPE, "
                + "CHARACTER_SET_NAME, COLLATION_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?")) {
            statement.setString(1, layout.table().schema());
            statement.setString(2, layout.table().name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    if (rows.getString(3) != null && !type.toLowerCase(Locale.ROOT).startsWith("json")) {
                        type += " CHARACTER SET " + rows.getString(3) + " COLLATE " + rows.getString(4);
                    }
                    types.put(rows.getString(1), type);
                }
            }
        }
        SqlBuilder sql = dialect.sql().append("CREATE TABLE ").table(layout.changelog()).append(" (")
                .identifier(ChangelogLayout.ID).append(" BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, ")
                .identifier(ChangelogLayout.OP).append(" CHAR(1) NOT NULL, ")
                .identifier(ChangelogLayout.TX).append(" BIGINT NULL, ")
                .identifier(ChangelogLayout.TS_MS).append(" BIGINT NOT NULL");
        for (String prefix : List.of(ChangelogLayout.BEFORE, ChangelogLayout.AFTER)) {
            for (String column : layout.columns()) {
                sql.append(", ").identifier(prefix + column).append(" ").append(types.get(column))
                        .append(" NULL DEFAULT NULL");
            }
        }
        return List.of(sql.append(") ENGINE=InnoDB").toString());
    }

    @Override
    public List<String> createTriggers(SourceDialect dialect, ChangelogLayout layout) {
        List<String> statements = new ArrayList<>();
        String table = dialect.sql().table(layout.table()).toString();
        String[] events = {"INSERT", "UPDATE", "DELETE"};
        String[] ops = {TriggerInsert.CREATE, TriggerInsert.UPDATE, TriggerInsert.DELETE};
        for (int i = 0; i < events.length; i++) {
            String trigger = dialect.sql().table(layout.table().sibling(layout.triggerName(SUFFIXES.get(i))))
                    .toString();
            statements.add("DROP TRIGGER IF EXISTS " + trigger);
            statements.add("CREATE TRIGGER " + trigger + " AFTER " + events[i] + " ON " + table + " FOR EACH ROW "
                    + TriggerInsert.sql(dialect, layout, ops[i], "OLD", "NEW", "NULL", TS));
        }
        return statements;
    }

    @Override
    public boolean triggersInstalled(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM "
                + "information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = COALESCE(?, DATABASE()) "
                + "AND EVENT_OBJECT_TABLE = ? AND TRIGGER_NAME IN (?, ?, ?)")) {
            statement.setString(1, layout.table().schema());
            statement.setString(2, layout.table().name());
            for (int i = 0; i < SUFFIXES.size(); i++) {
                statement.setString(3 + i, layout.triggerName(SUFFIXES.get(i)));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) == SUFFIXES.size();
            }
        }
    }

    @Override
    public Optional<String> installProblem(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException {
        String user;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT CURRENT_USER()")) {
            row.next();
            user = row.getString(1);
        }
        int at = user.lastIndexOf('@');
        String grantee = "'" + user.substring(0, at) + "'@'" + user.substring(at + 1) + "'";
        Set<String> held = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT PRIVILEGE_TYPE FROM "
                + "information_schema.USER_PRIVILEGES WHERE GRANTEE = ? UNION SELECT PRIVILEGE_TYPE FROM "
                + "information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ? "
                + "AND TABLE_SCHEMA = COALESCE(?, DATABASE()) UNION SELECT PRIVILEGE_TYPE FROM "
                + "information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = COALESCE(?, DATABASE()) "
                + "AND TABLE_NAME = ?")) {
            statement.setString(1, grantee);
            statement.setString(2, grantee);
            statement.setString(3, layout.table().schema());
            statement.setString(4, grantee);
            statement.setString(5, layout.table().schema());
            statement.setString(6, layout.table().name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    held.add(rows.getString(1));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String privilege : List.of("CREATE", "TRIGGER", "INSERT", "DELETE")) {
            if (!held.contains(privilege)) {
                missing.add(privilege);
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("the user may not install the changelog of "
                + layout.table() + ": GRANT " + String.join(", ", missing) + " ON <database>.* TO " + grantee
                + " (or set changelog.install=false and have a DBA run the DDL)");
    }
}
