package io.cqrsconnect.jdbc.source.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TableId;
import org.h2.api.Trigger;

/**
 * H2's changelog trigger ({@link H2ChangelogSyntax}): H2 creates one instance per trigger and calls it in the
 * writing transaction with the old and the new row, in the table's column order. The changelog's name is the
 * trigger's name without {@link #TRIGGER_SUFFIX}, so the class needs no configuration of its own.
 */
public final class H2ChangelogTrigger implements Trigger {

    public static final String TRIGGER_SUFFIX = "_capture";

    private String insertCreate;
    private String insertUpdate;
    private String insertDelete;
    private int columnCount;

    @Override
    public void init(Connection connection, String schemaName, String triggerName, String tableName,
                     boolean before, int type) throws SQLException {
        TableId table = new TableId(schemaName, tableName);
        TableId changelog = table.sibling(triggerName.substring(0, triggerName.length() - TRIGGER_SUFFIX.length()));
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql().append("SELECT * FROM ").table(table)
                     .append(" WHERE 1 = 0").toString())) {
            ResultSetMetaData metaData = rows.getMetaData();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                columns.add(metaData.getColumnName(i));
            }
        }
        columnCount = columns.size();
        insertCreate = insert(changelog, columns, TriggerInsert.CREATE);
        insertUpdate = insert(changelog, columns, TriggerInsert.UPDATE);
        insertDelete = insert(changelog, columns, TriggerInsert.DELETE);
    }

    private static SqlBuilder sql() {
        return new SqlBuilder(IdentifierRules.ANSI);
    }

    private static String insert(TableId changelog, List<String> columns, String op) {
        boolean before = !op.equals(TriggerInsert.CREATE);
        boolean after = !op.equals(TriggerInsert.DELETE);
        SqlBuilder sql = sql().append("INSERT INTO ").table(changelog).append(" (").identifier(ChangelogLayout.OP)
                .append(", ").identifier(ChangelogLayout.TS_MS);
        int values = 2;
        if (before) {
            for (String column : columns) {
                sql.append(", ").identifier(ChangelogLayout.before(column));
                values++;
            }
        }
        if (after) {
            for (String column : columns) {
                sql.append(", ").identifier(ChangelogLayout.after(column));
                values++;
            }
        }
        sql.append(") VALUES (");
        for (int i = 0; i < values; i++) {
            sql.append(i == 0 ? "" : ", ").parameter();
        }
        return sql.append(")").toString();
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String op = oldRow == null ? TriggerInsert.CREATE : newRow == null ? TriggerInsert.DELETE
                : TriggerInsert.UPDATE;
        String sql = switch (op) {
            case TriggerInsert.CREATE -> insertCreate;
            case TriggerInsert.DELETE -> insertDelete;
            default -> insertUpdate;
        };
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            statement.setString(index++, op);
            statement.setLong(index++, System.currentTimeMillis());
            for (Object[] row : new Object[][] {oldRow, newRow}) {
                if (row != null) {
                    for (int i = 0; i < columnCount; i++) {
                        statement.setObject(index++, row[i]);
                    }
                }
            }
            statement.executeUpdate();
        }
    }
}
