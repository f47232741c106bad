package io.cqrsconnect.elasticsearch.config;

import static io.cqrsconnect.elasticsearch.config.ConnectionSettings.*;
import static io.cqrsconnect.elasticsearch.config.IndexSettings.*;
import static io.cqrsconnect.elasticsearch.config.MappingSettings.*;
import static io.cqrsconnect.elasticsearch.config.WriteSettings.*;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.ConfigRules;
import io.cqrsconnect.common.config.RetrySettings;

/**
 * The rules between settings that each value's own validator cannot see (a mode that needs a companion key, two ways
 * to do one thing set at once). Checked offline when {@link ElasticsearchSinkConnectorConfig} is built; every broken
 * rule is reported on the key to change, and a rule reading a key whose value is itself invalid is skipped.
 */
final class CrossFieldRules {

    private static final List<String> SELECTION = List.of(FIELD_INCLUDE_LIST_CONFIG, FIELD_EXCLUDE_LIST_CONFIG,
            FIELD_RENAMES_CONFIG);

    private static final ConfigRules<ElasticsearchSinkConnectorConfig> RULES =
            new ConfigRules<ElasticsearchSinkConnectorConfig>()
            .add(List.of(PK_MODE_CONFIG, PK_FIELDS_CONFIG), (config, problems) -> {
                if (config.idStrategy() == IdStrategy.RECORD_VALUE && config.documentIdFields().isEmpty()) {
                    problems.add(PK_FIELDS_CONFIG, "list the value fields that make the id when "
                            + PK_MODE_CONFIG + "=record_value");
                }
            })
            .add(List.of(VERSION_MODE_CONFIG, VERSION_FIELD_CONFIG), (config, problems) -> {
                if (config.versioningMode() == VersioningMode.FIELD && config.versioningField().isEmpty()) {
                    problems.add(VERSION_FIELD_CONFIG, "name the value field holding the version when "
                            + VERSION_MODE_CONFIG + "=field");
                }
            })
            .add(List.of(VERSION_MODE_CONFIG, VERSION_HEADER_CONFIG), (config, problems) -> {
                if (config.versioningMode() == VersioningMode.HEADER && config.versioningHeader().isEmpty()) {
                    problems.add(VERSION_HEADER_CONFIG, "name the record header holding the version when "
                            + VERSION_MODE_CONFIG + "=header");
                }
            })
            .add(List.of(CONNECTION_USER_CONFIG, CONNECTION_API_KEY_CONFIG), (config, problems) -> {
                if (!config.username().isEmpty() && config.apiKey() != null) {
                    problems.add(CONNECTION_API_KEY_CONFIG, "use basic authentication ("
                            + CONNECTION_USER_CONFIG + ") or an API key, not both");
                }
            })
            .add(List.of(CONNECTION_USER_CONFIG, CONNECTION_PASSWORD_CONFIG), (config, problems) -> {
                if (!config.username().isEmpty() && config.password().value().isEmpty()) {
                    problems.add(CONNECTION_PASSWORD_CONFIG, "a password is needed with "
                            + CONNECTION_USER_CONFIG);
                }
            })
            .add(List.of(TLS_TRUSTSTORE_PATH_CONFIG, TLS_CA_PEM_PATH_CONFIG), (config, problems) -> {
                if (!config.truststorePath().isEmpty() && !config.caPemPath().isEmpty()) {
                    problems.add(TLS_CA_PEM_PATH_CONFIG, "set " + TLS_TRUSTSTORE_PATH_CONFIG
                            + " or " + TLS_CA_PEM_PATH_CONFIG + ", not both");
                }
            })
            .add(List.of(MAPPING_MODE_CONFIG, MAPPING_CUSTOM_JSON_CONFIG), CrossFieldRules::customMapping)
            .add(with(SELECTION, PK_MODE_CONFIG, PK_FIELDS_CONFIG), (config, problems) -> {
                if (config.idStrategy() == IdStrategy.RECORD_VALUE) {
                    config.fieldSelection().requireKept(PK_FIELDS_CONFIG, config.documentIdFields(), problems);
                }
            })
            .add(with(SELECTION, VERSION_MODE_CONFIG, VERSION_FIELD_CONFIG), (config, problems) -> {
                if (config.versioningMode() == VersioningMode.FIELD && !config.versioningField().isEmpty()) {
                    config.fieldSelection().requireKept(VERSION_FIELD_CONFIG, List.of(config.versioningField()),
                            problems);
                }
            })
            .add(List.of(RetrySettings.RETRY_BACKOFF_MS_CONFIG, RetrySettings.RETRY_BACKOFF_MAX_MS_CONFIG),
                    RetrySettings::collectProblems);

    private CrossFieldRules() {
    }

    /** Adds every broken rule whose keys all hold valid values to {@code problems}. */
    static void collect(ElasticsearchSinkConnectorConfig config, Set<String> invalidKeys, ConfigProblems problems) {
        RULES.check(config, invalidKeys, problems);
    }

    private static void customMapping(ElasticsearchSinkConnectorConfig config, ConfigProblems problems) {
        String customJson = config.getString(MAPPING_CUSTOM_JSON_CONFIG);
        boolean customJsonGiven = customJson != null && !customJson.isBlank();
        if (config.mappingMode() == MappingMode.CUSTOM && !customJsonGiven) {
            problems.add(MAPPING_CUSTOM_JSON_CONFIG, "give the mapping (JSON) to create indices "
                    + "with when " + MAPPING_MODE_CONFIG + "=custom");
        }
        if (config.mappingMode() != MappingMode.CUSTOM && customJsonGiven) {
            problems.add(MAPPING_CUSTOM_JSON_CONFIG, MAPPING_CUSTOM_JSON_CONFIG + " is used only when "
                    + MAPPING_MODE_CONFIG + "=custom; set that, or remove this key");
        }
    }

    private static List<String> with(List<String> keys, String... more) {
        return Stream.concat(keys.stream(), Arrays.stream(more)).toList();
    }
}
