package io.cqrsconnect.jdbc.source.changelog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cqrsconnect.jdbc.common.ColumnDefinition;
import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableDefinition;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.CapturePlan;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a captured table has its changelog and triggers, matching the table as it is now: installs what is
 * missing ({@code changelog.install=true}) or says exactly what a DBA must run. A changelog that lacks columns the
 * table has now (the table changed after the install) is never altered behind the user's back: the problem says
 * what to run.
 */
public final class ChangelogInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(ChangelogInstaller.class);

    /** What is missing, and the statements that install it. */
    public record Missing(String problem, List<String> statements) {

        /** The statements as a script a DBA can paste, each ending with {@code ;}. */
        public String script() {
            return String.join(";\n", statements) + ";";
        }
    }

    private final SourceDialect dialect;
    private final ChangelogSyntax syntax;

    public ChangelogInstaller(SourceDialect dialect, ChangelogSyntax syntax) {
        this.dialect = dialect;
        this.syntax = syntax;
    }

    /** The layout of a planned table's changelog. */
    public static ChangelogLayout layout(JdbcSourceConnectorConfig config, CapturePlan plan, TableId table) {
        return new ChangelogLayout(table, table.sibling(config.changelog().tableName(table.name())),
                plan.columns().stream().map(ResultColumn::name).toList());
    }

    /** What the changelog of {@code layout} lacks, with the DDL that installs it; empty when it is in place. */
    public Optional<Missing> missing(Connection connection, ChangelogLayout layout) throws SQLException {
        Optional<TableDefinition> existing = dialect.describeTable(connection, layout.changelog());
        if (existing.isEmpty()) {
            List<String> statements = new ArrayList<>(syntax.createTable(connection, dialect, layout));
            statements.addAll(syntax.createTriggers(dialect, layout));
            return Optional.of(new Missing("the changelog table " + layout.changelog() + " of " + layout.table()
                    + " does not exist", statements));
        }
        List<String> lacking = layout.missingFrom(existing.get().columns().stream().map(ColumnDefinition::name)
                .toList());
        if (!lacking.isEmpty()) {
            List<String> statements = new ArrayList<>();
            statements.addAll(syntax.createTable(connection, dialect, layout));
            statements.addAll(syntax.createTriggers(dialect, layout));
            throw new SQLException("the changelog " + layout.changelog() + " lacks the columns " + lacking + " that "
                    + layout.table() + " has now (the table changed after the changelog was installed). Let the "
                    + "connector emit what the changelog holds, stop it, drop " + layout.changelog() + " and its "
                    + "triggers, and start it again (changelog.install=true installs the new shape) or run:\n"
                    + String.join(";\n", statements) + ";", "42703");
        }
        if (!syntax.triggersInstalled(connection, dialect, layout)) {
            return Optional.of(new Missing("the triggers filling " + layout.changelog() + " are not installed on "
                    + layout.table(), syntax.createTriggers(dialect, layout)));
        }
        return Optional.empty();
    }

    /**
     * Installs what is missing, or, when the connector may not ({@code install} false), logs the DDL and fails with
     * it.
     *
     * @throws ChangelogNotInstalledException carrying the DDL, when {@code install} is false and something is missing
     */
    public void ensure(Connection connection, ChangelogLayout layout, boolean install) throws SQLException {
        Optional<Missing> missing = missing(connection, layout);
        if (missing.isEmpty()) {
            return;
        }
        String script = missing.get().script();
        if (!install) {
            LOG.warn("{}; changelog.install=false, so a DBA must run:\n{}", missing.get().problem(), script);
            throw new ChangelogNotInstalledException(missing.get().problem() + " and changelog.install=false: "
                    + "have a DBA run, then restart the task:\n" + script);
        }
        LOG.info("Installing the changelog of {}: {}:\n{}", layout.table(), missing.get().problem(), script);
        // One transaction where DDL is transactional (PostgreSQL): a failed install leaves nothing half-made.
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : missing.get().statements()) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
