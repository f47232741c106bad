package io.cqrsconnect.elasticsearch.config;

import static io.cqrsconnect.elasticsearch.config.BulkSettings.*;
import static io.cqrsconnect.elasticsearch.config.ConnectionSettings.*;
import static io.cqrsconnect.elasticsearch.config.IndexSettings.*;
import static io.cqrsconnect.elasticsearch.config.MappingSettings.*;
import static io.cqrsconnect.elasticsearch.config.WriteSettings.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.RetrySettings;
import io.cqrsconnect.common.offsets.CommitRequests;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Builds the sink's {@link ConfigDef} from the keys, docs and defaults of the settings classes
 * ({@link ConnectionSettings}, {@link IndexSettings}, {@link WriteSettings}, {@link MappingSettings},
 * {@link BulkSettings}): types, validators, recommenders, importance, groups and display order.
 */
final class ElasticsearchSinkConfigDef {

    static final String CONNECTION_GROUP = "Connection";
    static final String WRITE_GROUP = "Write";
    static final String BULK_GROUP = "Bulk";
    static final String RETRIES_GROUP = "Retries";
    static final String MAPPING_GROUP = "Mapping";
    static final String ERRORS_GROUP = "Errors";

    private ElasticsearchSinkConfigDef() {
    }

    static ConfigDef build() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(CONNECTION_URL_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new HttpUrlsValidator(),
                Importance.HIGH, CONNECTION_URL_DOC, CONNECTION_GROUP, ++order, Width.LONG, "Elasticsearch URLs");
        def.define(CONNECTION_USER_CONFIG, Type.STRING, CONNECTION_USER_DEFAULT, Importance.MEDIUM,
                CONNECTION_USER_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "User name");
        def.define(CONNECTION_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, CONNECTION_PASSWORD_DOC,
                CONNECTION_GROUP, ++order, Width.MEDIUM, "Password");
        def.define(CONNECTION_API_KEY_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, CONNECTION_API_KEY_DOC,
                CONNECTION_GROUP, ++order, Width.LONG, "API key");
        def.define(CONNECTION_TIMEOUT_MS_CONFIG, Type.INT, CONNECTION_TIMEOUT_MS_DEFAULT, Range.atLeast(1),
                Importance.LOW, CONNECTION_TIMEOUT_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT,
                "Connection timeout (ms)");
        def.define(READ_TIMEOUT_MS_CONFIG, Type.INT, READ_TIMEOUT_MS_DEFAULT, Range.atLeast(1), Importance.LOW,
                READ_TIMEOUT_MS_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Read timeout (ms)");
        def.define(TLS_TRUSTSTORE_PATH_CONFIG, Type.STRING, TLS_TRUSTSTORE_PATH_DEFAULT, Importance.MEDIUM,
                TLS_TRUSTSTORE_PATH_DOC, CONNECTION_GROUP, ++order, Width.LONG, "Trust store");
        def.define(TLS_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM,
                TLS_TRUSTSTORE_PASSWORD_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "Trust store password");
        def.define(TLS_TRUSTSTORE_TYPE_CONFIG, Type.STRING, TLS_TRUSTSTORE_TYPE_DEFAULT,
                ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"), Importance.LOW, TLS_TRUSTSTORE_TYPE_DOC,
                CONNECTION_GROUP, ++order, Width.SHORT, "Trust store type", new TrustStoreTypes());
        def.define(TLS_CA_PEM_PATH_CONFIG, Type.STRING, TLS_CA_PEM_PATH_DEFAULT, Importance.MEDIUM,
                TLS_CA_PEM_PATH_DOC, CONNECTION_GROUP, ++order, Width.LONG, "CA certificate (PEM)");
        def.define(TLS_HOSTNAME_VERIFICATION_CONFIG, Type.BOOLEAN, TLS_HOSTNAME_VERIFICATION_DEFAULT,
                Importance.LOW, TLS_HOSTNAME_VERIFICATION_DOC, CONNECTION_GROUP, ++order, Width.SHORT,
                "Verify host names");

        order = 0;
        def.define(INDEX_NAME_FORMAT_CONFIG, Type.STRING, INDEX_NAME_FORMAT_DEFAULT,
                new ConfigDef.NonEmptyString(), Importance.HIGH, INDEX_NAME_FORMAT_DOC, WRITE_GROUP, ++order,
                Width.LONG, "Index name format");
        def.define(READ_MODEL_GENERATION_CONFIG, Type.INT, READ_MODEL_GENERATION_DEFAULT, Range.atLeast(0),
                Importance.MEDIUM, READ_MODEL_GENERATION_DOC, WRITE_GROUP, ++order, Width.SHORT,
                "Read model generation");
        def.define(READ_MODEL_REPLAY_SETTINGS_CONFIG, Type.STRING, READ_MODEL_REPLAY_SETTINGS_DEFAULT,
                Importance.LOW, READ_MODEL_REPLAY_SETTINGS_DOC, WRITE_GROUP, ++order, Width.LONG,
                "Replay index settings");
        define(def, PK_MODE_CONFIG, IdStrategy.class, PK_MODE_DEFAULT, Importance.HIGH,
                PK_MODE_DOC, WRITE_GROUP, ++order, "Document id strategy");
        def.define(PK_FIELDS_CONFIG, Type.LIST, PK_FIELDS_DEFAULT, Importance.MEDIUM,
                PK_FIELDS_DOC, WRITE_GROUP, ++order, Width.LONG, "Document id fields",
                List.of(PK_MODE_CONFIG),
                visibleWhen(PK_MODE_CONFIG, EnumSetting.spelling(IdStrategy.RECORD_VALUE)));
        def.define(ROUTING_FIELD_CONFIG, Type.STRING, ROUTING_FIELD_DEFAULT, Importance.LOW, ROUTING_FIELD_DOC,
                WRITE_GROUP, ++order, Width.MEDIUM, "Routing field");
        def.define(INGEST_PIPELINE_CONFIG, Type.STRING, INGEST_PIPELINE_DEFAULT, Importance.LOW,
                INGEST_PIPELINE_DOC, WRITE_GROUP, ++order, Width.MEDIUM, "Ingest pipeline");
        def.define(FIELD_INCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM, FIELDS_INCLUDE_DOC, WRITE_GROUP,
                ++order, Width.LONG, "Fields to write");
        def.define(FIELD_EXCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM, FIELDS_EXCLUDE_DOC, WRITE_GROUP,
                ++order, Width.LONG, "Fields not to write");
        def.define(FIELD_RENAMES_CONFIG, Type.LIST, "", Importance.LOW, FIELDS_RENAME_DOC, WRITE_GROUP, ++order,
                Width.LONG, "Field renames");
        define(def, INSERT_MODE_CONFIG, InsertMode.class, INSERT_MODE_DEFAULT, Importance.HIGH, INSERT_MODE_DOC,
                WRITE_GROUP, ++order, "Insert mode");
        def.define(DELETE_ENABLED_CONFIG, Type.BOOLEAN, DELETE_ENABLED_DEFAULT, Importance.MEDIUM,
                DELETE_ENABLED_DOC, WRITE_GROUP, ++order, Width.SHORT, "Deletes");
        define(def, VERSION_MODE_CONFIG, VersioningMode.class, VERSION_MODE_DEFAULT, Importance.HIGH,
                VERSION_MODE_DOC, WRITE_GROUP, ++order, "Versioning");
        def.define(VERSION_FIELD_CONFIG, Type.STRING, VERSION_FIELD_DEFAULT, Importance.MEDIUM,
                VERSION_FIELD_DOC, WRITE_GROUP, ++order, Width.MEDIUM, "Version field",
                List.of(VERSION_MODE_CONFIG),
                visibleWhen(VERSION_MODE_CONFIG, EnumSetting.spelling(VersioningMode.FIELD)));
        def.define(VERSION_HEADER_CONFIG, Type.STRING, VERSION_HEADER_DEFAULT, Importance.MEDIUM,
                VERSION_HEADER_DOC, WRITE_GROUP, ++order, Width.MEDIUM, "Version header",
                List.of(VERSION_MODE_CONFIG),
                visibleWhen(VERSION_MODE_CONFIG, EnumSetting.spelling(VersioningMode.HEADER)));
        def.define(INDEX_GC_DELETES_CONFIG, Type.STRING, INDEX_GC_DELETES_DEFAULT,
                ElasticsearchDuration.atLeast(Duration.ofSeconds(1), "1s"), Importance.MEDIUM, INDEX_GC_DELETES_DOC,
                WRITE_GROUP, ++order, Width.SHORT, "Deleted versions kept for");
        def.define(DATA_STREAM_TIMESTAMP_FIELD_CONFIG, Type.STRING, DATA_STREAM_TIMESTAMP_FIELD_DEFAULT,
                Importance.LOW, DATA_STREAM_TIMESTAMP_FIELD_DOC, WRITE_GROUP, ++order, Width.MEDIUM,
                "Data stream @timestamp field");

        order = 0;
        def.define(BATCH_SIZE_CONFIG, Type.INT, BATCH_SIZE_DEFAULT, Range.between(1, 100_000),
                Importance.MEDIUM, BATCH_SIZE_DOC, BULK_GROUP, ++order, Width.SHORT, "Batch size (documents)");
        def.define(BATCH_MAX_BYTES_CONFIG, Type.LONG, BATCH_MAX_BYTES_DEFAULT, Range.atLeast(1024),
                Importance.MEDIUM, BATCH_MAX_BYTES_DOC, BULK_GROUP, ++order, Width.SHORT, "Max bytes per bulk");
        def.define(BATCH_FLUSH_INTERVAL_MS_CONFIG, Type.LONG, BATCH_FLUSH_INTERVAL_MS_DEFAULT, Range.atLeast(0),
                Importance.MEDIUM, BATCH_FLUSH_INTERVAL_MS_DOC, BULK_GROUP, ++order, Width.SHORT,
                "Flush interval (ms)");
        def.define(BATCH_MAX_IN_FLIGHT_CONFIG, Type.INT, BATCH_MAX_IN_FLIGHT_DEFAULT, Range.between(1, 64),
                Importance.MEDIUM, BATCH_MAX_IN_FLIGHT_DOC, BULK_GROUP, ++order, Width.SHORT,
                "Bulk requests in flight");
        CommitRequests.define(def, BULK_GROUP, order);

        order = 0;
        RetrySettings.define(def, RETRIES_GROUP, order, "Retries of a bulk request that cannot reach the cluster, "
                + "and of the items the cluster answers with 429 or a 5xx status (only those items are sent again). "
                + "When they are spent, the task fails and nothing unwritten is committed.");

        order = 0;
        define(def, MAPPING_MODE_CONFIG, MappingMode.class, MAPPING_MODE_DEFAULT, Importance.MEDIUM,
                MAPPING_MODE_DOC, MAPPING_GROUP, ++order, "Mapping source");
        def.define(MAPPING_STRING_TYPE_CONFIG, Type.STRING, MAPPING_STRING_TYPE_DEFAULT,
                EnumSetting.validator(StringMapping.class), Importance.MEDIUM, MAPPING_STRING_TYPE_DOC,
                MAPPING_GROUP, ++order, Width.SHORT, "String fields", EnumSetting.recommender(StringMapping.class));
        def.define(MAPPING_DECIMAL_TYPE_CONFIG, Type.STRING, MAPPING_DECIMAL_TYPE_DEFAULT,
                EnumSetting.validator(DecimalMapping.class), Importance.LOW, MAPPING_DECIMAL_TYPE_DOC,
                MAPPING_GROUP, ++order, Width.SHORT, "Decimal fields", EnumSetting.recommender(DecimalMapping.class));
        def.define(MAPPING_TOTAL_FIELDS_LIMIT_CONFIG, Type.INT, MAPPING_TOTAL_FIELDS_LIMIT_DEFAULT, Range.atLeast(0),
                Importance.LOW, MAPPING_TOTAL_FIELDS_LIMIT_DOC, MAPPING_GROUP, ++order, Width.SHORT,
                "Total fields limit");
        def.define(MAPPING_KEYWORD_FIELDS_CONFIG, Type.LIST, MAPPING_KEYWORD_FIELDS_DEFAULT, Importance.LOW,
                MAPPING_KEYWORD_FIELDS_DOC, MAPPING_GROUP, ++order, Width.LONG, "Keyword fields");
        def.define(MAPPING_TEXT_FIELDS_CONFIG, Type.LIST, MAPPING_TEXT_FIELDS_DEFAULT, Importance.LOW,
                MAPPING_TEXT_FIELDS_DOC, MAPPING_GROUP, ++order, Width.LONG, "Text fields");
        def.define(MAPPING_CUSTOM_JSON_CONFIG, Type.STRING, MAPPING_CUSTOM_JSON_DEFAULT,
                CustomIndexDefinition.validator(), Importance.MEDIUM, MAPPING_CUSTOM_JSON_DOC, MAPPING_GROUP, ++order,
                Width.LONG, "Custom mapping (JSON)", List.of(MAPPING_MODE_CONFIG),
                visibleWhen(MAPPING_MODE_CONFIG, EnumSetting.spelling(MappingMode.CUSTOM)));

        define(def, MALFORMED_DOCUMENTS_CONFIG, MalformedDocumentBehavior.class, MALFORMED_DOCUMENTS_DEFAULT,
                Importance.MEDIUM, MALFORMED_DOCUMENTS_DOC, ERRORS_GROUP, 1, "On malformed documents");
        return def;
    }

    private static <E extends Enum<E>> void define(ConfigDef def, String name, Class<E> type, String defaultValue,
                                                   Importance importance, String doc, String group, int order,
                                                   String displayName) {
        def.define(name, Type.STRING, defaultValue, EnumSetting.validator(type), importance, doc, group, order,
                Width.SHORT, displayName, EnumSetting.recommender(type));
    }

    private static ConfigDef.Recommender visibleWhen(String parent, String parentValue) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return List.of();
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return parentValue.equalsIgnoreCase(String.valueOf(parsedConfig.get(parent)));
            }
        };
    }


    /** Offers the trust store formats the validator takes, so the REST validate answer lists them. */
    private static final class TrustStoreTypes implements ConfigDef.Recommender {

        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return List.of("PKCS12", "JKS");
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }
}
