package io.cqrsconnect.jdbc.source.changelog;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;

/**
 * The INSERT a SQL trigger runs for one operation: the operation's code, the transaction and time expressions of the
 * database, and the old row's values as the before image (updates, deletes) and the new row's as the after image
 * (inserts, updates).
 */
final class TriggerInsert {

    /** The operation codes Debezium's envelope uses. */
    static final String CREATE = "c";
    static final String UPDATE = "u";
    static final String DELETE = "d";

    private TriggerInsert() {
    }

    /**
     * @param oldRow how the trigger names the old row ({@code OLD}), used for updates and deletes
     * @param newRow how the trigger names the new row ({@code NEW}), used for inserts and updates
     * @param txExpression the writing transaction's id, or {@code NULL}
     * @param tsExpression the time of the change in epoch milliseconds
     */
    static String sql(SourceDialect dialect, ChangelogLayout layout, String op, String oldRow, String newRow,
                      String txExpression, String tsExpression) {
        boolean before = !op.equals(CREATE);
        boolean after = !op.equals(DELETE);
        SqlBuilder sql = dialect.sql().append("INSERT INTO ").table(layout.changelog()).append(" (")
                .identifier(ChangelogLayout.OP).append(", ").identifier(ChangelogLayout.TX).append(", ")
                .identifier(ChangelogLayout.TS_MS);
        if (before) {
            layout.columns().forEach(column -> sql.append(", ").identifier(ChangelogLayout.before(column)));
        }
        if (after) {
            layout.columns().forEach(column -> sql.append(", ").identifier(ChangelogLayout.after(column)));
        }
        sql.append(") VALUES ('").append(op).append("', ").append(txExpression).append(", ").append(tsExpression);
        if (before) {
            layout.columns().forEach(column -> sql.append(", ").append(oldRow).append(".").identifier(column));
        }
        if (after) {
            layout.columns().forEach(column -> sql.append(", ").append(newRow).append(".").identifier(column));
        }
        return sql.append(")").toString();
    }
}
