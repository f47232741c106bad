package io.cqrsconnect.jdbc.source.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.source.config.ColumnSettings;

/**
 * The columns a read names: which of a table's columns the column lists keep, checked to hold every column the
 * capture needs, and the SELECT list that names them. Change it when a new kind of column must always be read.
 */
public final class ColumnSelection {

    private ColumnSelection() {
    }

    /** The columns of {@code target} that {@code settings} capture, in the table's order. */
    static List<ResultColumn> captured(Connection connection, SourceDialect dialect, ColumnSettings settings,
                                       CaptureTarget target, List<ResultColumn> columns) throws SQLException {
        if (!settings.filters() || !(target instanceof CaptureTarget.Table table)) {
            return columns;
        }
        String schema = currentSchema(connection, dialect);
        List<ResultColumn> captured = new ArrayList<>();
        for (ResultColumn column : columns) {
            if (settings.captures(schema, table.id(), column.name())) {
                captured.add(column);
            }
        }
        return captured;
    }

    /**
     * Refuses a selection that leaves out a column the capture reads: a key column, the incrementing or the
     * timestamp column, each named with the setting that needs it; and one that captures nothing.
     */
    static void check(Connection connection, SourceDialect dialect, ColumnSettings settings, CaptureTarget target,
                      List<ResultColumn> captured, List<Needed> needed) throws PlanProblem, SQLException {
        if (!settings.filters() || !(target instanceof CaptureTarget.Table table)) {
            return;
        }
        if (captured.isEmpty()) {
            throw new PlanProblem(settings.listKey(), settings.listKey() + " leaves no column of " + target
                    + " to capture");
        }
        for (Needed column : needed) {
            if (captured.stream().noneMatch(each -> each.name().equals(column.name()))) {
                throw new PlanProblem(settings.listKey(), "column '" + column.name() + "' of " + target + " is "
                        + column.role() + " (" + column.configKey() + "), so it must be captured: change "
                        + settings.listKey() + " so that it keeps '" + ColumnSettings.qualifiedName(
                        currentSchema(connection, dialect), table.id(), column.name()) + "'");
            }
        }
    }

    /**
     * The patterns of the column list in use that match no column of any captured table: most likely a typo, or a
     * name without the table (patterns match {@code schema.table.column} or {@code table.column}).
     */
    public static List<String> unmatchedPatterns(Connection connection, SourceDialect dialect,
                                                 ColumnSettings settings, List<CaptureTarget> targets)
            throws SQLException {
        List<Pattern> patterns = settings.includes().isEmpty() ? settings.excludes()
                : settings.includes();
        List<Pattern> unmatched = new ArrayList<>(patterns);
        String schema = currentSchema(connection, dialect);
        for (CaptureTarget target : targets) {
            if (!(target instanceof CaptureTarget.Table table)) {
                continue;
            }
            List<ResultColumn> columns;
            try {
                columns = CapturePlans.probe(connection, dialect, target);
            } catch (PlanProblem e) {
                continue; // reported on its own key by the plan's checks
            }
            for (ResultColumn column : columns) {
                String local = table.id().name() + "." + column.name();
                String qualified = ColumnSettings.qualifiedName(schema, table.id(), column.name());
                unmatched.removeIf(p -> p.matcher(local).matches() || p.matcher(qualified).matches());
            }
        }
        return unmatched.stream().map(Pattern::pattern).toList();
    }

    /** A column the capture needs, what it is for, and the setting that makes it needed. */
    record Needed(String name, String role, String configKey) {
    }

    /**
     * Appends {@code SELECT <columns> FROM <target>}: the captured columns by name when some are left out, else
     * {@code *} (so a column added to the table is captured from the next read).
     */
    public static SqlBuilder selectFrom(SqlBuilder sql, CapturePlan plan, SourceDialect dialect) {
        sql.append("SELECT ");
        if (plan.selectsColumns()) {
            sql.list(plan.captured(), (builder, column) -> builder.identifier(column.name()));
        } else {
            sql.append("*");
        }
        return plan.target().appendFrom(sql.append(" FROM "), dialect);
    }

    /** The connection's schema (on MySQL/MariaDB its database), which qualifies unqualified tables' columns. */
    private static String currentSchema(Connection connection, SourceDialect dialect) throws SQLException {
        return switch (dialect.schemaSupport()) {
            case CATALOG -> connection.getCatalog();
            case SCHEMA -> connection.getSchema();
            case NONE -> null;
        };
    }
}
