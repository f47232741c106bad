package io.cqrsconnect.jdbc.source.config;

import static io.cqrsconnect.jdbc.source.config.ColumnSettings.COLUMN_EXCLUDE_LIST_CONFIG;
import static io.cqrsconnect.jdbc.source.config.ColumnSettings.COLUMN_INCLUDE_LIST_CONFIG;

import io.cqrsconnect.common.config.ConfigProblems;

/**
 * The column lists' rules between settings: one list at a time (as Debezium), and only where columns are read by
 * the connector's own SELECT. Which columns a table must keep is checked against the table ({@code CapturePlans}).
 */
final class ColumnRules {

    private ColumnRules() {
    }

    static void collect(JdbcSourceConnectorConfig config, ConfigProblems problems) {
        ColumnSettings columns = config.columns();
        if (!columns.includes().isEmpty() && !columns.excludes().isEmpty()) {
            problems.add(COLUMN_EXCLUDE_LIST_CONFIG, "set " + COLUMN_INCLUDE_LIST_CONFIG + " or "
                    + COLUMN_EXCLUDE_LIST_CONFIG + ", not both: leave this empty and list only the columns to capture");
        }
        if (columns.filters() && config.capturesQuery()) {
            problems.add(columns.listKey(), "query selects its own columns: name them in the query and leave "
                    + columns.listKey() + " empty");
        }
        if (columns.filters() && config.outbox().enabled()) {
            problems.add(columns.listKey(), "the outbox relay reads its columns by the table.field.* settings: "
                    + "leave " + columns.listKey() + " empty");
        }
    }
}
