package io.cqrsconnect.elasticsearch.config;

import static io.cqrsconnect.elasticsearch.config.BulkSettings.*;
import static io.cqrsconnect.elasticsearch.config.ConnectionSettings.*;
import static io.cqrsconnect.elasticsearch.config.IndexSettings.*;
import static io.cqrsconnect.elasticsearch.config.MappingSettings.*;
import static io.cqrsconnect.elasticsearch.config.WriteSettings.*;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.FieldSelection;
import io.cqrsconnect.common.config.PartiallyValidConfig;
import io.cqrsconnect.common.config.RetrySettings;
import io.cqrsconnect.common.retry.RetryPolicy;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The Elasticsearch sink's configuration: the {@link ConfigDef} (built by {@link ElasticsearchSinkConfigDef}) and an
 * immutable typed view of one configuration. Each settings group keeps its keys, docs and defaults in its own class
 * ({@link ConnectionSettings}, {@link IndexSettings}, {@link WriteSettings}, {@link MappingSettings},
 * {@link BulkSettings}); this class reads them. Constructing it checks every value and the cross-field rules
 * ({@link CrossFieldRules}) that can be checked offline; {@code ElasticsearchSinkConnector.validate()} adds the checks
 * that need the cluster.
 */
public final class ElasticsearchSinkConnectorConfig extends AbstractConfig {

    public static final ConfigDef CONFIG_DEF = ElasticsearchSinkConfigDef.build();

    private final ConfigProblems problems;
    private final IndexNameTemplate indexNameTemplate;
    private final FieldSelection fieldSelection;
    /** Null unless mapping.custom.json is set. */
    private final CustomIndexDefinition customIndexDefinition;
    private final Map<String, Object> replayIndexSettings;

    /**
     * Reads a configuration.
     *
     * @throws ConfigException on the first problem when any value or rule is broken ({@link #problemsOf} lists all)
     */
    public ElasticsearchSinkConnectorConfig(Map<?, ?> originals) {
        this(CONFIG_DEF, originals, Set.of());
        problems.throwFirst(CONFIG_DEF, originals);
    }

    private ElasticsearchSinkConnectorConfig(ConfigDef definition, Map<?, ?> originals, Set<String> invalidKeys) {
        super(definition, originals);
        this.problems = new ConfigProblems();
        RenamedSettings.collect(originals, problems);
        String customJson = getString(MAPPING_CUSTOM_JSON_CONFIG);
        customIndexDefinition = customJson == null || customJson.isBlank() ? null
                : parsed(MAPPING_CUSTOM_JSON_CONFIG, () -> CustomIndexDefinition.parse(MAPPING_CUSTOM_JSON_CONFIG,
                        customJson));
        indexNameTemplate = parsed(INDEX_NAME_FORMAT_CONFIG, () -> {
            IndexNameTemplate template = IndexNameTemplate.parse(getString(INDEX_NAME_FORMAT_CONFIG),
                    INDEX_NAME_FORMAT_CONFIG);
            IndexNameRules.validateTemplate(template.toString(), INDEX_NAME_FORMAT_CONFIG);
            return template;
        });
        replayIndexSettings = parsed(READ_MODEL_REPLAY_SETTINGS_CONFIG, () -> ReplayIndexSettings.parse(
                READ_MODEL_REPLAY_SETTINGS_CONFIG, getString(READ_MODEL_REPLAY_SETTINGS_CONFIG)));
        fieldSelection = FieldSelection.of(this, problems);
        CrossFieldRules.collect(this, invalidKeys, problems);
    }

    /**
     * Every problem of a configuration that can be found offline beyond each value's own validation, each on the key
     * to change: what {@code validate()} adds to Kafka's per-key answer before it asks the cluster. Values that
     * failed their own validation stand at their defaults, and the rules that read them are skipped.
     */
    public static ConfigProblems problemsOf(PartiallyValidConfig config) {
        return new ElasticsearchSinkConnectorConfig(config.definition(), config.validOriginals(),
                config.invalidKeys()).problems;
    }

    /** A value parsed, or null with its problem recorded on its key. */
    private <T> T parsed(String key, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (ConfigException e) {
            problems.add(key, e);
            return null;
        }
    }

    public List<String> urls() {
        return getList(CONNECTION_URL_CONFIG);
    }

    /** The basic-auth user, or empty for none. */
    public String username() {
        return getString(CONNECTION_USER_CONFIG).trim();
    }

    public Password password() {
        return getPassword(CONNECTION_PASSWORD_CONFIG);
    }

    /** The API key, or null for none. */
    public Password apiKey() {
        Password key = getPassword(CONNECTION_API_KEY_CONFIG);
        return key == null || key.value().isEmpty() ? null : key;
    }

    public Duration connectionTimeout() {
        return Duration.ofMillis(getInt(CONNECTION_TIMEOUT_MS_CONFIG));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getInt(READ_TIMEOUT_MS_CONFIG));
    }

    /** The trust store path, or empty. */
    public String truststorePath() {
        return getString(TLS_TRUSTSTORE_PATH_CONFIG).trim();
    }

    public Password truststorePassword() {
        return getPassword(TLS_TRUSTSTORE_PASSWORD_CONFIG);
    }

    public String truststoreType() {
        return getString(TLS_TRUSTSTORE_TYPE_CONFIG).toUpperCase(Locale.ROOT);
    }

    /** The PEM CA path, or empty. */
    public String caPemPath() {
        return getString(TLS_CA_PEM_PATH_CONFIG).trim();
    }

    public boolean hostnameVerification() {
        return getBoolean(TLS_HOSTNAME_VERIFICATION_CONFIG);
    }

    public IndexNameTemplate indexNameTemplate() {
        return indexNameTemplate;
    }

    /** The read model generation to write, or 0 to write the template's index directly. */
    public int readModelGeneration() {
        return getInt(READ_MODEL_GENERATION_CONFIG);
    }

    public IdStrategy idStrategy() {
        return EnumSetting.parse(IdStrategy.class, PK_MODE_CONFIG,
                getString(PK_MODE_CONFIG));
    }

    public List<String> documentIdFields() {
        return getList(PK_FIELDS_CONFIG).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The value fields documents hold, and their names there. */
    public FieldSelection fieldSelection() {
        return fieldSelection;
    }

    public InsertMode insertMode() {
        return EnumSetting.parse(InsertMode.class, INSERT_MODE_CONFIG, getString(INSERT_MODE_CONFIG));
    }

    /** Whether tombstones and delete events delete their document; skipped when false. */
    public boolean deleteEnabled() {
        return getBoolean(DELETE_ENABLED_CONFIG);
    }

    public VersioningMode versioningMode() {
        return EnumSetting.parse(VersioningMode.class, VERSION_MODE_CONFIG, getString(VERSION_MODE_CONFIG));
    }

    /** The version field, or empty. */
    public String versioningField() {
        return getString(VERSION_FIELD_CONFIG).trim();
    }

    /** The version header, or empty. */
    public String versioningHeader() {
        return getString(VERSION_HEADER_CONFIG).trim();
    }

    /** How long created indices remember deleted documents' versions (their index.gc_deletes). */
    public Duration gcDeletes() {
        return ElasticsearchDuration.parse(gcDeletesSetting());
    }

    /** {@link #gcDeletes()} as written, in the syntax Elasticsearch takes. */
    public String gcDeletesSetting() {
        return getString(INDEX_GC_DELETES_CONFIG).trim();
    }

    /** The routing field, or empty for default routing. */
    public String routingField() {
        return getString(ROUTING_FIELD_CONFIG).trim();
    }

    /** The ingest pipeline, or empty for none. */
    public String ingestPipeline() {
        return getString(INGEST_PIPELINE_CONFIG).trim();
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    public long batchMaxBytes() {
        return getLong(BATCH_MAX_BYTES_CONFIG);
    }

    public Duration batchFlushInterval() {
        return Duration.ofMillis(getLong(BATCH_FLUSH_INTERVAL_MS_CONFIG));
    }

    public int batchMaxInFlight() {
        return getInt(BATCH_MAX_IN_FLIGHT_CONFIG);
    }

    public RetryPolicy retryPolicy() {
        return RetrySettings.policy(this);
    }

    public MappingMode mappingMode() {
        return EnumSetting.parse(MappingMode.class, MAPPING_MODE_CONFIG, getString(MAPPING_MODE_CONFIG));
    }

    public StringMapping stringMapping() {
        return EnumSetting.parse(StringMapping.class, MAPPING_STRING_TYPE_CONFIG,
                getString(MAPPING_STRING_TYPE_CONFIG));
    }

    public DecimalMapping decimalMapping() {
        return EnumSetting.parse(DecimalMapping.class, MAPPING_DECIMAL_TYPE_CONFIG,
                getString(MAPPING_DECIMAL_TYPE_CONFIG));
    }

    /** The total-fields limit of created indices, or 0 for Elasticsearch's default. */
    public int mappingTotalFieldsLimit() {
        return getInt(MAPPING_TOTAL_FIELDS_LIMIT_CONFIG);
    }

    public Set<String> keywordFields() {
        return trimmedSet(MAPPING_KEYWORD_FIELDS_CONFIG);
    }

    public Set<String> textFields() {
        return trimmedSet(MAPPING_TEXT_FIELDS_CONFIG);
    }

    private Set<String> trimmedSet(String key) {
        return getList(key).stream().map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public MalformedDocumentBehavior malformedDocumentBehavior() {
        return EnumSetting.parse(MalformedDocumentBehavior.class, MALFORMED_DOCUMENTS_CONFIG,
                getString(MALFORMED_DOCUMENTS_CONFIG));
    }

    /** The index definition of mapping.mode=custom, or null when none is given. */
    /** Settings a generation's index is created with while a rebuild replays into it; empty on a live connector. */
    public Map<String, Object> replayIndexSettings() {
        return replayIndexSettings == null ? Map.of() : replayIndexSettings;
    }

    public CustomIndexDefinition customIndexDefinition() {
        return customIndexDefinition;
    }

    /** The value field giving a data stream document its @timestamp, or empty for the record's timestamp. */
    public String dataStreamTimestampField() {
        return getString(DATA_STREAM_TIMESTAMP_FIELD_CONFIG).trim();
    }
}
