package io.cqrsconnect.jdbc.sink.config;

import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.DELETE_ENABLED_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.FIELD_EXCLUDE_LIST_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.FIELD_INCLUDE_LIST_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.INSERT_MODE_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.PK_FIELDS_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.PK_MODE_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.VERSION_FIELD_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.VERSION_MODE_CONFIG;

import java.util.List;
import java.util.Set;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.ConfigRules;
import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.RetrySettings;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.InsertMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.PrimaryKeyMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.VersionMode;

/**
 * The JDBC sink's rules between settings, in common's {@link ConfigRules} as the Elasticsearch sink's are: each rule
 * names the keys it reads, reports its problem on the key to change, and is skipped when one of those keys holds an
 * invalid value ({@code validate()}: that value's own error says what to fix first), so every other problem is still
 * reported in the same round trip.
 */
final class CrossFieldRules {

    private static final ConfigRules<JdbcSinkConnectorConfig> RULES = new ConfigRules<JdbcSinkConnectorConfig>()
            .add(List.of(RetrySettings.RETRY_BACKOFF_MS_CONFIG, RetrySettings.RETRY_BACKOFF_MAX_MS_CONFIG),
                    RetrySettings::collectProblems)
            .add(List.of(PK_MODE_CONFIG, INSERT_MODE_CONFIG), (config, problems) -> {
                if (config.primaryKeyMode() == PrimaryKeyMode.NONE && config.insertMode() != InsertMode.INSERT) {
                    problems.add(PK_MODE_CONFIG, "insert.mode=" + EnumSetting.spelling(config.insertMode())
                            + " writes by key, so pk.mode cannot be none; use record_key, record_value or kafka, or "
                            + "insert.mode=insert");
                }
            })
            .add(List.of(PK_MODE_CONFIG, PK_FIELDS_CONFIG), (config, problems) -> {
                if (config.primaryKeyMode() == PrimaryKeyMode.RECORD_VALUE && config.primaryKeyFields().isEmpty()) {
                    problems.add(PK_FIELDS_CONFIG, "pk.mode=record_value needs the value fields that form the key "
                            + "in pk.fields");
                }
            })
            .add(List.of(DELETE_ENABLED_CONFIG, PK_MODE_CONFIG), (config, problems) -> {
                PrimaryKeyMode keyMode = config.primaryKeyMode();
                if (config.deleteEnabled() && (keyMode == PrimaryKeyMode.NONE || keyMode == PrimaryKeyMode.KAFKA)) {
                    problems.add(DELETE_ENABLED_CONFIG, "deletes find rows by the record's key, which pk.mode="
                            + EnumSetting.spelling(keyMode) + " does not write; set delete.enabled=false or "
                            + "pk.mode=record_key");
                }
            })
            .add(List.of(VERSION_MODE_CONFIG, VERSION_FIELD_CONFIG), (config, problems) -> {
                if (config.versionMode() == VersionMode.FIELD && config.versionField().isBlank()) {
                    problems.add(VERSION_FIELD_CONFIG, "version.mode=field needs the name of the version field");
                }
            })
            .add(List.of(VERSION_MODE_CONFIG, INSERT_MODE_CONFIG), (config, problems) -> {
                if (config.versionMode() != VersionMode.NONE && config.insertMode() == InsertMode.INSERT) {
                    problems.add(VERSION_MODE_CONFIG, "the version guard protects rows from being overwritten, and "
                            + "insert.mode=insert never overwrites; use insert.mode=upsert or version.mode=none");
                }
            })
            .add(List.of(VERSION_MODE_CONFIG, PK_MODE_CONFIG), (config, problems) -> {
                if (config.versionMode() != VersionMode.NONE && config.primaryKeyMode() == PrimaryKeyMode.KAFKA) {
                    problems.add(VERSION_MODE_CONFIG, "with pk.mode=kafka every record is its own row, so there is "
                            + "nothing to guard; use version.mode=none");
                }
            })
            // An excluded key or version field is refused on the key that needs it, as the Elasticsearch sink does;
            // one that field.include.list does not list is still written (key and version columns always are).
            .add(List.of(FIELD_INCLUDE_LIST_CONFIG, FIELD_EXCLUDE_LIST_CONFIG, PK_MODE_CONFIG, PK_FIELDS_CONFIG),
                    (config, problems) -> {
                        if (config.primaryKeyMode() == PrimaryKeyMode.RECORD_VALUE) {
                            config.fieldSelection().requireNotExcluded(PK_FIELDS_CONFIG, config.primaryKeyFields(),
                                    problems);
                        }
                    })
            .add(List.of(FIELD_INCLUDE_LIST_CONFIG, FIELD_EXCLUDE_LIST_CONFIG, VERSION_MODE_CONFIG,
                    VERSION_FIELD_CONFIG),
                    (config, problems) -> {
                        if (config.versionMode() == VersionMode.FIELD && !config.versionField().isBlank()) {
                            config.fieldSelection().requireNotExcluded(VERSION_FIELD_CONFIG,
                                    List.of(config.versionField()), problems);
                        }
                    });

    private CrossFieldRules() {
    }

    /** Adds every broken rule whose keys all hold valid values to {@code problems}. */
    static void collect(JdbcSinkConnectorConfig config, Set<String> invalidKeys, ConfigProblems problems) {
        RULES.check(config, invalidKeys, problems);
    }
}
