package io.cqrsconnect.elasticsearch.config;

import static io.cqrsconnect.elasticsearch.config.BulkSettings.*;
import static io.cqrsconnect.elasticsearch.config.ConnectionSettings.*;
import static io.cqrsconnect.elasticsearch.config.IndexSettings.*;
import static io.cqrsconnect.elasticsearch.config.MappingSettings.*;
import static io.cqrsconnect.elasticsearch.config.WriteSettings.*;

import java.util.List;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.RetrySettings;

/**
 * The rules between settings that each value's own validator cannot see (a mode that needs a companion key, two ways
 * to do one thing set at once). Checked offline when {@link ElasticsearchSinkConnectorConfig} is built; every broken
 * rule is reported on the key to change.
 */
final class CrossFieldRules {

    private CrossFieldRules() {
    }

    /** Adds every broken rule to {@code problems}. */
    static void collect(ElasticsearchSinkConnectorConfig config, ConfigProblems problems) {
        if (config.idStrategy() == IdStrategy.RECORD_VALUE && config.documentIdFields().isEmpty()) {
            problems.add(PK_FIELDS_CONFIG, "list the value fields that make the id when "
                    + PK_MODE_CONFIG + "=record_value");
        }
        if (config.versioningMode() == VersioningMode.FIELD && config.versioningField().isEmpty()) {
            problems.add(VERSION_FIELD_CONFIG, "name the value field holding the version when "
                    + VERSION_MODE_CONFIG + "=field");
        }
        if (config.versioningMode() == VersioningMode.HEADER && config.versioningHeader().isEmpty()) {
            problems.add(VERSION_HEADER_CONFIG, "name the record header holding the version when "
                    + VERSION_MODE_CONFIG + "=header");
        }
        if (!config.username().isEmpty() && config.apiKey() != null) {
            problems.add(CONNECTION_API_KEY_CONFIG, "use basic authentication ("
                    + CONNECTION_USER_CONFIG + ") or an API key, not both");
        }
        if (!config.username().isEmpty() && config.password().value().isEmpty()) {
            problems.add(CONNECTION_PASSWORD_CONFIG, "a password is needed with "
                    + CONNECTION_USER_CONFIG);
        }
        if (!config.truststorePath().isEmpty() && !config.caPemPath().isEmpty()) {
            problems.add(TLS_CA_PEM_PATH_CONFIG, "set " + TLS_TRUSTSTORE_PATH_CONFIG
                    + " or " + TLS_CA_PEM_PATH_CONFIG + ", not both");
        }
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
        if (config.idStrategy() == IdStrategy.RECORD_VALUE) {
            config.fieldSelection().requireKept(PK_FIELDS_CONFIG, config.documentIdFields(), problems);
        }
        if (config.versioningMode() == VersioningMode.FIELD && !config.versioningField().isEmpty()) {
            config.fieldSelection().requireKept(VERSION_FIELD_CONFIG, List.of(config.versioningField()), problems);
        }
        RetrySettings.collectProblems(config, problems);
    }
}
