package io.cqrsconnect.jdbc.source.check;

import static io.cqrsconnect.jdbc.source.config.SnapshotSettings.SIGNAL_DATA_COLLECTION_CONFIG;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableDefinition;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.SignalTable;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;

/** What {@code validate()} checks of {@code signal.data.collection}: the table exists and has Debezium's columns. */
final class SignalChecks {

    private SignalChecks() {
    }

    static void collect(Connection connection, SourceDialect dialect, JdbcSourceConnectorConfig config,
                        ConfigProblems problems) {
        Optional<TableId> table = config.snapshot().signalDataCollection();
        if (table.isEmpty()) {
            return;
        }
        Optional<TableDefinition> definition;
        try {
            definition = dialect.describeTable(connection, table.get());
        } catch (SQLException e) {
            problems.add(SIGNAL_DATA_COLLECTION_CONFIG, "the signal table " + table.get() + " cannot be read: "
                    + e.getMessage());
            return;
        }
        if (definition.isEmpty()) {
            problems.add(SIGNAL_DATA_COLLECTION_CONFIG, "there is no table " + table.get() + " to read signals "
                    + "from: create it with the columns id, type and data (text), as Debezium's");
            return;
        }
        List<String> missing = SignalTable.COLUMNS.stream()
                .filter(name -> definition.get().column(name).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            problems.add(SIGNAL_DATA_COLLECTION_CONFIG, "the signal table " + table.get() + " has no column "
                    + missing + "; a signal table has the columns id, type and data (text), as Debezium's");
        }
    }
}
