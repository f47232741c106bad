package io.cqrsconnect.jdbc.source.check;

import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.SIGNAL_DATA_COLLECTION_CONFIG;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.CapturePlans;
import io.cqrsconnect.jdbc.source.capture.CaptureTarget;
import io.cqrsconnect.jdbc.source.capture.PlanProblem;
import io.cqrsconnect.jdbc.source.capture.SignalTable;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;

/** What {@code validate()} checks of {@code signal.data.collection}: the table exists and has Debezium's columns. */
final class SignalChecks {

    private SignalChecks() {
    }

    static void collect(Connection connection, SourceDialect dialect, JdbcSourceConnectorConfig config,
                        ConfigProblems problems) {
        Optional<TableId> table = config.signalDataCollection();
        if (table.isEmpty()) {
            return;
        }
        List<ResultColumn> columns;
        try {
            columns = CapturePlans.probe(connection, dialect, new CaptureTarget.Table(table.get()));
        } catch (PlanProblem e) {
            problems.add(SIGNAL_DATA_COLLECTION_CONFIG, "the signal table " + table.get() + " cannot be read: "
                    + e.getMessage() + "; create it with the columns id, type and data (text)");
            return;
        }
        List<String> missing = SignalTable.COLUMNS.stream()
                .filter(name -> columns.stream().noneMatch(column -> column.name().equalsIgnoreCase(name)))
                .toList();
        if (!missing.isEmpty()) {
            problems.add(SIGNAL_DATA_COLLECTION_CONFIG, "the signal table " + table.get() + " has no column "
                    + missing + "; a signal table has the columns id, type and data (text), as Debezium's");
        }
    }
}
