package io.cqrsconnect.jdbc.source.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cqrsconnect.jdbc.common.SourceDialect;

/**
 * PostgreSQL: one PL/pgSQL trigger function and one row trigger per table. Ids come from a {@code bigserial}
 * sequence (never reused, taken when the trigger runs, not at commit); {@code txid_current()} records the writing
 * transaction and {@code clock_timestamp()} the time. Installing needs CREATE on the schema and TRIGGER on the table.
 */
final class PostgresChangelogSyntax implements ChangelogSyntax {

    static final String FUNCTION_SUFFIX = "_capture";

    @Override
    public List<String> createTable(Connection connection, SourceDialect dialect, ChangelogLayout layout) {
        return ImageColumnsTable.statements(dialect, layout, "BIGSERIAL PRIMARY KEY");
    }

    @Override
    public List<String> createTriggers(SourceDialect dialect, ChangelogLayout layout) {
        String tx = "txid_current()";
        String ts = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";
        String function = dialect.sql().table(layout.table().sibling(layout.triggerName(FUNCTION_SUFFIX))).toString();
        // One line: the script a DBA gets separates statements by ";" and a line break, and the body holds ";".
        String body = "BEGIN IF TG_OP = 'INSERT' THEN "
                + TriggerInsert.sql(dialect, layout, TriggerInsert.CREATE, "OLD", "NEW", tx, ts)
                + "; ELSIF TG_OP = 'UPDATE' THEN "
                + TriggerInsert.sql(dialect, layout, TriggerInsert.UPDATE, "OLD", "NEW", tx, ts)
                + "; ELSE " + TriggerInsert.sql(dialect, layout, TriggerInsert.DELETE, "OLD", "NEW", tx, ts)
                + "; END IF; RETURN NULL; END";
        List<String> statements = new ArrayList<>();
        statements.add("CREATE OR REPLACE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $cqrs$ "
                + body + " $cqrs$");
        String trigger = dialect.sql().identifier(layout.triggerName(FUNCTION_SUFFIX)).toString();
        String table = dialect.sql().table(layout.table()).toString();
        statements.add("DROP TRIGGER IF EXISTS " + trigger + " ON " + table);
        statements.add("CREATE TRIGGER " + trigger + " AFTER INSERT OR UPDATE OR DELETE ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION " + function + "()");
        return statements;
    }

    @Override
    public boolean triggersInstalled(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_trigger "
                + "WHERE tgrelid = CAST(? AS regclass) AND tgname = ? AND NOT tgisinternal")) {
            statement.setString(1, dialect.sql().table(layout.table()).toString());
            statement.setString(2, layout.triggerName(FUNCTION_SUFFIX));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    @Override
    public Optional<String> installProblem(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_user, current_schema(), "
                + "has_schema_privilege(current_schema(), 'CREATE'), has_table_privilege(CAST(? AS regclass), "
                + "'TRIGGER')")) {
            statement.setString(1, dialect.sql().table(layout.table()).toString());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                List<String> grants = new ArrayList<>();
                if (!row.getBoolean(3)) {
                    grants.add("GRANT CREATE ON SCHEMA " + row.getString(2) + " TO " + row.getString(1));
                }
                if (!row.getBoolean(4)) {
                    grants.add("GRANT TRIGGER ON " + layout.table() + " TO " + row.getString(1));
                }
                return grants.isEmpty() ? Optional.empty() : Optional.of("the user may not install the changelog of "
                        + layout.table() + ": " + String.join("; ", grants) + " (or set changelog.install=false and "
                        + "have a DBA run the DDL)");
            }
        }
    }
}
