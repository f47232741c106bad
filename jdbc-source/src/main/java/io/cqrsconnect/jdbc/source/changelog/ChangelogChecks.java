package io.cqrsconnect.jdbc.source.changelog;

import static io.cqrsconnect.jdbc.source.config.ChangelogSettings.CHANGELOG_INSTALL_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.CONNECTION_USER_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.MODE_CONFIG;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.source.capture.CapturePlan;
import io.cqrsconnect.jdbc.source.capture.CapturePlans;
import io.cqrsconnect.jdbc.source.capture.CaptureTarget;
import io.cqrsconnect.jdbc.source.capture.PlanProblem;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;

/**
 * What {@code validate()} checks in changelog mode: that the database has a changelog syntax; with
 * {@code changelog.install=true} that the user may install the changelog and triggers (the grants to ask for);
 * with {@code false} that a DBA installed them and they match each table (else the exact DDL to run).
 */
public final class ChangelogChecks {

    private ChangelogChecks() {
    }

    public static void collect(Connection connection, SourceDialect dialect, JdbcSourceConnectorConfig config,
                               List<CaptureTarget> targets, ConfigProblems problems) throws SQLException {
        Optional<ChangelogSyntax> syntax = ChangelogSyntaxes.of(dialect);
        if (syntax.isEmpty()) {
            problems.add(MODE_CONFIG, ChangelogSyntaxes.unsupported(dialect));
            return;
        }
        ChangelogInstaller installer = new ChangelogInstaller(dialect, syntax.get());
        for (CaptureTarget target : targets) {
            if (!(target instanceof CaptureTarget.Table table)) {
                continue;
            }
            CapturePlan plan;
            try {
                plan = CapturePlans.plan(connection, dialect, config, target);
            } catch (PlanProblem e) {
                continue; // reported by the plan's own checks
            }
            ChangelogLayout layout = ChangelogInstaller.layout(config, plan, table.id());
            Optional<ChangelogInstaller.Missing> missing;
            try {
                missing = installer.missing(connection, layout);
            } catch (SQLException e) {
                problems.add(CHANGELOG_INSTALL_CONFIG, e.getMessage());
                continue;
            }
            if (missing.isEmpty()) {
                continue;
            }
            if (config.changelog().install()) {
                syntax.get().installProblem(connection, dialect, layout)
                        .ifPresent(problem -> problems.add(CONNECTION_USER_CONFIG, problem));
            } else {
                problems.add(CHANGELOG_INSTALL_CONFIG, missing.get().problem() + " and changelog.install=false: "
                        + "have a DBA run:\n" + missing.get().script());
            }
        }
    }
}
