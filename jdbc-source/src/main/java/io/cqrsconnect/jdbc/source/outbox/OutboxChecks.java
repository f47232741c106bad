package io.cqrsconnect.jdbc.source.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.source.capture.CapturePlan;
import io.cqrsconnect.jdbc.source.capture.CapturePlans;
import io.cqrsconnect.jdbc.source.capture.CaptureTarget;
import io.cqrsconnect.jdbc.source.capture.PlanProblem;
import io.cqrsconnect.jdbc.source.config.AdditionalField;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import io.cqrsconnect.jdbc.source.config.OutboxSettings;

/**
 * What {@code validate()} adds for an outbox relay: every column the outbox settings name exists in each captured
 * table, each missing one reported on the key that names it, so a configuration carried over from Debezium with
 * other column names is caught before the task fails on the first row.
 */
public final class OutboxChecks {

    private OutboxChecks() {
    }

    /** Adds a problem per outbox setting naming a column the target does not have. */
    public static void collectProblems(Connection connection, SourceDialect dialect, JdbcSourceConnectorConfig config,
                                       CaptureTarget target, ConfigProblems problems) throws SQLException {
        OutboxSettings outbox = config.outbox();
        if (!outbox.enabled()) {
            return;
        }
        CapturePlan plan;
        try {
            plan = CapturePlans.plan(connection, dialect, config, target);
        } catch (PlanProblem alreadyReported) {
            return; // the capture's own checks report it
        }
        List<ResultColumn> columns = plan.columns();
        require(columns, outbox.eventIdColumn(), OutboxSettings.EVENT_ID_CONFIG, target, problems);
        require(columns, outbox.eventKeyColumn(), OutboxSettings.EVENT_KEY_CONFIG, target, problems);
        require(columns, outbox.payloadColumn(), OutboxSettings.EVENT_PAYLOAD_CONFIG, target, problems);
        require(columns, outbox.routeByColumn(), OutboxSettings.ROUTE_BY_FIELD_CONFIG, target, problems);
        if (!outbox.timestampColumn().isEmpty()) {
            require(columns, outbox.timestampColumn(), OutboxSettings.EVENT_TIMESTAMP_CONFIG, target, problems);
        }
        for (AdditionalField additional : outbox.additionalFields()) {
            require(columns, additional.column(), OutboxSettings.ADDITIONAL_PLACEMENT_CONFIG, target, problems);
        }
    }

    private static void require(List<ResultColumn> columns, String column, String key, CaptureTarget target,
                                ConfigProblems problems) {
        if (columns.stream().noneMatch(each -> each.name().equalsIgnoreCase(column))) {
            problems.add(key, target + " has no column " + column + "; its columns are "
                    + columns.stream().map(ResultColumn::name).toList());
        }
    }
}
