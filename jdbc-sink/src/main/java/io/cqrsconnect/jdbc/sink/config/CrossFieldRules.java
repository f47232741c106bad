package io.cqrsconnect.jdbc.sink.config;

import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.DELETE_ENABLED_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.FIELDS_EXCLUDE_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.FIELDS_INCLUDE_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.INSERT_MODE_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.PK_FIELDS_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.PK_MODE_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.VERSION_FIELD_CONFIG;
import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.VERSION_MODE_CONFIG;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.FieldSelection;
import io.cqrsconnect.common.config.RetrySettings;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.InsertMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.PrimaryKeyMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.VersionMode;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The JDBC sink's rules between settings, run on whatever parsed: {@code validate()} gives them the values of the
 * keys that passed their own checks, so a rule whose inputs are all valid reports its problem beside the per-key
 * ones (a user sees every problem in one round trip), and a rule with an invalid input is skipped (that input's own
 * error says what to fix first). Each problem is reported on the key to change.
 */
final class CrossFieldRules {

    private final Map<String, ?> valid;

    /** @param valid parsed values by key, holding only the keys whose values passed their own checks */
    private CrossFieldRules(Map<String, ?> valid) {
        this.valid = valid;
    }

    /** Every problem between the valid settings, on the keys to change. */
    static ConfigProblems problems(Map<String, ?> valid) {
        return new CrossFieldRules(valid).check();
    }

    private ConfigProblems check() {
        ConfigProblems problems = new ConfigProblems();
        retries(problems);
        InsertMode insertMode = choice(InsertMode.class, INSERT_MODE_CONFIG);
        PrimaryKeyMode keyMode = choice(PrimaryKeyMode.class, PK_MODE_CONFIG);
        VersionMode versionMode = choice(VersionMode.class, VERSION_MODE_CONFIG);
        if (keyMode == PrimaryKeyMode.NONE && insertMode != null && insertMode != InsertMode.INSERT) {
            problems.add(PK_MODE_CONFIG, "insert.mode=" + EnumSetting.spelling(insertMode) + " writes by key, so "
                    + "pk.mode cannot be none; use record_key, record_value or kafka, or insert.mode=insert");
        }
        List<?> keyFields = (List<?>) valid.get(PK_FIELDS_CONFIG);
        if (keyMode == PrimaryKeyMode.RECORD_VALUE && keyFields != null && keyFields.isEmpty()) {
            problems.add(PK_FIELDS_CONFIG, "pk.mode=record_value needs the value fields that form the key in "
                    + "pk.fields");
        }
        if (Boolean.TRUE.equals(valid.get(DELETE_ENABLED_CONFIG))
                && (keyMode == PrimaryKeyMode.NONE || keyMode == PrimaryKeyMode.KAFKA)) {
            problems.add(DELETE_ENABLED_CONFIG, "deletes find rows by the record's key, which pk.mode="
                    + EnumSetting.spelling(keyMode) + " does not write; set delete.enabled=false or "
                    + "pk.mode=record_key");
        }
        String versionField = (String) valid.get(VERSION_FIELD_CONFIG);
        if (versionMode == VersionMode.FIELD && versionField != null && versionField.isBlank()) {
            problems.add(VERSION_FIELD_CONFIG, "version.mode=field needs the name of the version field");
        }
        if (versionMode != null && versionMode != VersionMode.NONE && insertMode == InsertMode.INSERT) {
            problems.add(VERSION_MODE_CONFIG, "the version guard protects rows from being overwritten, and "
                    + "insert.mode=insert never overwrites; use insert.mode=upsert or version.mode=none");
        }
        if (versionMode != null && versionMode != VersionMode.NONE && keyMode == PrimaryKeyMode.KAFKA) {
            problems.add(VERSION_MODE_CONFIG, "with pk.mode=kafka every record is its own row, so there is "
                    + "nothing to guard; use version.mode=none");
        }
        selectionKeepsNeededFields(keyMode, keyFields, versionMode, versionField, problems);
        return problems;
    }

    /**
     * An excluded key or version field is refused on the key that needs it, as the Elasticsearch sink does; one that
     * {@code fields.include} does not list is still written (key and version columns always are).
     */
    @SuppressWarnings("unchecked")
    private void selectionKeepsNeededFields(PrimaryKeyMode keyMode, List<?> keyFields, VersionMode versionMode,
                                            String versionField, ConfigProblems problems) {
        List<String> included = (List<String>) valid.get(FIELDS_INCLUDE_CONFIG);
        List<String> excluded = (List<String>) valid.get(FIELDS_EXCLUDE_CONFIG);
        if (included == null || excluded == null) {
            return;
        }
        FieldSelection selection = FieldSelection.of(included, excluded, List.of(), new ConfigProblems());
        if (keyMode == PrimaryKeyMode.RECORD_VALUE && keyFields != null) {
            selection.requireNotExcluded(PK_FIELDS_CONFIG, (List<String>) keyFields, problems);
        }
        if (versionMode == VersionMode.FIELD && versionField != null && !versionField.isBlank()) {
            selection.requireNotExcluded(VERSION_FIELD_CONFIG, List.of(versionField), problems);
        }
    }

    /** The shared retry rule (common's {@link RetrySettings}), when both of its settings are valid. */
    private void retries(ConfigProblems problems) {
        List<String> keys = List.of(RetrySettings.MAX_RETRIES_CONFIG, RetrySettings.RETRY_BACKOFF_MS_CONFIG,
                RetrySettings.RETRY_BACKOFF_MAX_MS_CONFIG);
        Map<String, Object> retry = new HashMap<>();
        for (String key : keys) {
            if (!valid.containsKey(key)) {
                return;
            }
            retry.put(key, valid.get(key));
        }
        ConfigDef definition = new ConfigDef();
        RetrySettings.define(definition, "", 0, "");
        RetrySettings.collectProblems(new AbstractConfig(definition, retry, false), problems);
    }

    /** A valid choice, or null when the setting is invalid (its own check reports it). */
    private <E extends Enum<E>> E choice(Class<E> type, String key) {
        Object value = valid.get(key);
        return value == null ? null : EnumSetting.parse(type, key, value.toString());
    }
}
