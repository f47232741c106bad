package io.cqrsconnect.jdbc.source.config;

import static io.cqrsconnect.jdbc.source.config.ChangelogSettings.CHANGELOG_TABLE_NAME_FORMAT_CONFIG;
import static io.cqrsconnect.jdbc.source.config.ChangelogSettings.TABLE_PLACEHOLDER;
import static io.cqrsconnect.jdbc.source.config.ColumnSettings.COLUMN_EXCLUDE_LIST_CONFIG;
import static io.cqrsconnect.jdbc.source.config.ColumnSettings.COLUMN_INCLUDE_LIST_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.INCREMENTING_COLUMN_NAME_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.MODE_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.OUTPUT_FORMAT_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.PK_FIELDS_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.QUERY_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.SCHEMA_EXCLUDE_LIST_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.SCHEMA_INCLUDE_LIST_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.TABLE_INCLUDE_LIST_CONFIG;
import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.TIMESTAMP_COLUMN_NAME_CONFIG;

import java.util.List;
import java.util.Set;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.ConfigRules;
import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.RetrySettings;

/**
 * The JDBC source's rules between settings, found offline: each names the keys it reads and reports on the key to
 * change. What needs the database (tables and columns exist, the mode fits the table) is the check room's.
 */
final class SourceConfigRules {

    private static final ConfigRules<JdbcSourceConnectorConfig> RULES = new ConfigRules<JdbcSourceConnectorConfig>()
            .add(List.of(RetrySettings.RETRY_BACKOFF_MS_CONFIG, RetrySettings.RETRY_BACKOFF_MAX_MS_CONFIG),
                    RetrySettings::collectProblems)
            .add(List.of(MODE_CONFIG, INCREMENTING_COLUMN_NAME_CONFIG), (config, problems) -> {
                if (config.mode().usesIncrementing() && config.incrementingColumn().isEmpty()) {
                    problems.add(INCREMENTING_COLUMN_NAME_CONFIG, "mode=" + EnumSetting.spelling(config.mode())
                            + " needs the name of the integer column that grows with each insert");
                }
            })
            .add(List.of(MODE_CONFIG, TIMESTAMP_COLUMN_NAME_CONFIG), (config, problems) -> {
                if (config.mode().usesTimestamp() && config.timestampColumn().isEmpty()) {
                    problems.add(TIMESTAMP_COLUMN_NAME_CONFIG, "mode=" + EnumSetting.spelling(config.mode())
                            + " needs the name of the timestamp column set on every insert and update");
                }
            })
            .add(List.of(QUERY_CONFIG, PK_FIELDS_CONFIG), (config, problems) -> {
                if (config.capturesQuery() && config.keyColumns().isEmpty()) {
                    problems.add(PK_FIELDS_CONFIG, "a query has no primary key: name the columns that key its "
                            + "records");
                }
            })
            .add(List.of(MODE_CONFIG, OUTPUT_FORMAT_CONFIG), (config, problems) -> {
                if (config.outputFormat() == OutputFormat.ENVELOPE && config.mode() != CaptureMode.CHANGELOG) {
                    problems.add(OUTPUT_FORMAT_CONFIG, "envelope needs before images and deletes, which only "
                            + "mode=changelog captures: use row, or mode=changelog");
                }
            })
            .add(List.of(MODE_CONFIG, QUERY_CONFIG), (config, problems) -> {
                if (config.mode() == CaptureMode.CHANGELOG && config.capturesQuery()) {
                    problems.add(QUERY_CONFIG, "mode=changelog captures tables through their triggers, not a "
                            + "query: leave query empty and list the tables in table.include.list");
                }
            })
            .add(List.of(MODE_CONFIG, CHANGELOG_TABLE_NAME_FORMAT_CONFIG), (config, problems) -> {
                if (config.mode() == CaptureMode.CHANGELOG
                        && !config.changelog().tableNameFormat().contains(TABLE_PLACEHOLDER)) {
                    problems.add(CHANGELOG_TABLE_NAME_FORMAT_CONFIG, "each captured table needs its own changelog: "
                            + "the format must hold " + TABLE_PLACEHOLDER);
                }
            })
            .add(List.of(QUERY_CONFIG, TABLE_INCLUDE_LIST_CONFIG), (config, problems) -> {
                if (config.capturesQuery() && !config.tableIncludeList().isEmpty()) {
                    problems.add(TABLE_INCLUDE_LIST_CONFIG, "query captures the query's rows, not tables: leave "
                            + "table.include.list empty, or query empty to capture tables");
                }
            })
            .add(List.of(QUERY_CONFIG, SCHEMA_INCLUDE_LIST_CONFIG, SCHEMA_EXCLUDE_LIST_CONFIG), (config, problems) -> {
                if (config.capturesQuery() && config.listsSchemas()) {
                    problems.add(SCHEMA_INCLUDE_LIST_CONFIG, "query captures the query's rows, not tables: qualify "
                            + "the tables in the query and leave the schema lists empty");
                }
            })
            .add(List.of(COLUMN_INCLUDE_LIST_CONFIG, COLUMN_EXCLUDE_LIST_CONFIG, QUERY_CONFIG,
                    OutboxSettings.OUTBOX_ENABLED_CONFIG), ColumnRules::collect)
            .add(List.of(MODE_CONFIG, QUERY_CONFIG, OutboxSettings.OUTBOX_ENABLED_CONFIG,
                    OutboxSettings.OUTBOX_DELETE_ENABLED_CONFIG), OutboxRules::collect);

    private SourceConfigRules() {
    }

    static void collect(JdbcSourceConnectorConfig config, Set<String> invalidKeys, ConfigProblems problems) {
        RULES.check(config, invalidKeys, problems);
    }
}
