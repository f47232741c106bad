package io.cqrsconnect.elasticsearch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.retry.RetryPolicy;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The Elasticsearch sink's configuration: the {@link ConfigDef} (groups connection, write, bulk, retries, mapping, errors; built by {@link ElasticsearchSinkConfigDef})
 * and an immutable typed view of one configuration. Constructing it checks every value and every cross-field rule
 * that can be checked offline; {@code ElasticsearchSinkConnector.validate()} adds the checks that need the cluster.
 */
public final class ElasticsearchSinkConnectorConfig extends AbstractConfig {

    public static final String CONNECTION_GROUP = "Connection";
    public static final String WRITE_GROUP = "Write";
    public static final String BULK_GROUP = "Bulk";
    public static final String RETRIES_GROUP = "Retries";
    public static final String MAPPING_GROUP = "Mapping";
    public static final String ERRORS_GROUP = "Errors";

    public static final String CONNECTION_URLS_CONFIG = "connection.urls";
    static final String CONNECTION_URLS_DOC = "Elasticsearch HTTP endpoints, comma-separated, e.g. "
            + "https://es1:9200,https://es2:9200. Requests are spread over them.";

    public static final String CONNECTION_USERNAME_CONFIG = "connection.username";
    static final String CONNECTION_USERNAME_DOC = "User for basic authentication; empty for none.";
    public static final String CONNECTION_USERNAME_DEFAULT = "";

    public static final String CONNECTION_PASSWORD_CONFIG = "connection.password";
    static final String CONNECTION_PASSWORD_DOC = "Password for basic authentication.";

    public static final String CONNECTION_API_KEY_CONFIG = "connection.api.key";
    static final String CONNECTION_API_KEY_DOC = "An Elasticsearch API key (the base64 'encoded' form), "
            + "sent as 'Authorization: ApiKey ...'. Use it or basic authentication, not both.";

    public static final String CONNECTION_TIMEOUT_MS_CONFIG = "connection.timeout.ms";
    static final String CONNECTION_TIMEOUT_MS_DOC = "How long to wait for a TCP connection.";
    public static final int CONNECTION_TIMEOUT_MS_DEFAULT = 5_000;

    public static final String READ_TIMEOUT_MS_CONFIG = "read.timeout.ms";
    static final String READ_TIMEOUT_MS_DOC = "How long to wait for the answer to one request.";
    public static final int READ_TIMEOUT_MS_DEFAULT = 60_000;

    public static final String TLS_TRUSTSTORE_PATH_CONFIG = "tls.truststore.path";
    static final String TLS_TRUSTSTORE_PATH_DOC = "Trust store (JKS or PKCS12) holding the CA that signed "
            + "the cluster's certificate, for https URLs. Empty: the JVM's default trust store, or tls.ca.pem.path.";
    public static final String TLS_TRUSTSTORE_PATH_DEFAULT = "";

    public static final String TLS_TRUSTSTORE_PASSWORD_CONFIG = "tls.truststore.password";
    static final String TLS_TRUSTSTORE_PASSWORD_DOC = "Password of the trust store.";

    public static final String TLS_TRUSTSTORE_TYPE_CONFIG = "tls.truststore.type";
    static final String TLS_TRUSTSTORE_TYPE_DOC = "Trust store format: PKCS12 or JKS.";
    public static final String TLS_TRUSTSTORE_TYPE_DEFAULT = "PKCS12";

    public static final String TLS_CA_PEM_PATH_CONFIG = "tls.ca.pem.path";
    static final String TLS_CA_PEM_PATH_DOC = "A PEM file with the CA certificate(s) to trust, as "
            + "Elasticsearch writes to config/certs/http_ca.crt. Alternative to tls.truststore.path.";
    public static final String TLS_CA_PEM_PATH_DEFAULT = "";

    public static final String TLS_HOSTNAME_VERIFICATION_CONFIG = "tls.hostname.verification";
    static final String TLS_HOSTNAME_VERIFICATION_DOC = "Check that the server certificate names the host "
            + "connected to. Turn off only for test clusters whose certificates name no host.";
    public static final boolean TLS_HOSTNAME_VERIFICATION_DEFAULT = true;

    public static final String INDEX_NAME_TEMPLATE_CONFIG = "index.name.template";
    static final String INDEX_NAME_TEMPLATE_DOC = "The index (or alias, or data stream) each record is "
            + "written to: text with ${topic}, ${topic[N]}, ${source.db}, ${source.schema}, ${source.table}, "
            + "${value.<field>} (a value field), ${value.<field>:<pattern>} (a date or timestamp field formatted "
            + "in UTC, e.g. orders-${value.created_at:yyyy-MM}) or ${timestamp:<pattern>} (the record's "
            + "timestamp). The result is lower-cased and must be a valid Elasticsearch index name.";
    public static final String INDEX_NAME_TEMPLATE_DEFAULT = "${topic}";

    public static final String READ_MODEL_GENERATION_CONFIG = "read.model.generation";
    static final String READ_MODEL_GENERATION_DOC = "0: write into the index the template names. N >= 1: the "
            + "template names a read model's logical name, and documents go into its generation N, the index "
            + "<name>__gN; the sink creates that index and, when the logical name does not exist yet, makes it an "
            + "alias of generation N for readers. An existing alias is left as it is: a rebuild writes generation "
            + "N+1 next to the live one and switches the alias atomically once it has caught up.";
    public static final int READ_MODEL_GENERATION_DEFAULT = 0;

    public static final String DOCUMENT_ID_STRATEGY_CONFIG = "document.id.strategy";
    static final String DOCUMENT_ID_STRATEGY_DOC = "Where document ids come from: record.key (a primitive "
            + "key as is; a struct key as its field values in field order joined by '|', with '|' and '\\' "
            + "escaped by '\\'; a schemaless map key as name=value pairs in name order, joined the same way; a "
            + "struct or map of one field as that field's value), value.fields (the fields in document.id.fields, "
            + "joined the same way), or kafka.coordinates (topic|partition|offset: one document per record).";
    public static final String DOCUMENT_ID_STRATEGY_DEFAULT = ConfigChoice.spelling(IdStrategy.RECORD_KEY);

    public static final String DOCUMENT_ID_FIELDS_CONFIG = "document.id.fields";
    static final String DOCUMENT_ID_FIELDS_DOC = "The value fields that make the document id when "
            + "document.id.strategy=value.fields.";
    public static final String DOCUMENT_ID_FIELDS_DEFAULT = "";

    public static final String ROUTING_FIELD_CONFIG = "document.routing.field";
    static final String ROUTING_FIELD_DOC = "A field (dotted path) whose value routes each document to its shard, "
            + "e.g. a tenant id; looked up in the value, or in a struct key when the record has no value (a "
            + "tombstone). Empty: Elasticsearch routes by document id.";
    public static final String ROUTING_FIELD_DEFAULT = "";

    public static final String INGEST_PIPELINE_CONFIG = "ingest.pipeline";
    static final String INGEST_PIPELINE_DOC = "An ingest pipeline every indexed document goes through. Empty: none "
            + "(or the index's default pipeline). Unversioned upserts use the update API, which runs no pipeline.";
    public static final String INGEST_PIPELINE_DEFAULT = "";

    public static final String WRITE_MODE_CONFIG = "write.mode";
    static final String WRITE_MODE_DOC = "index: each event replaces the whole document. upsert: the "
            + "event's fields are merged into the existing document, which is created when absent.";
    public static final String WRITE_MODE_DEFAULT = ConfigChoice.spelling(WriteMode.INDEX);

    public static final String TOMBSTONE_BEHAVIOR_CONFIG = "behavior.on.tombstone";
    static final String TOMBSTONE_BEHAVIOR_DOC = "What a record with a null value does: delete the "
            + "document its key names, ignore it, or fail (a bad record: dead-letter queue or task failure).";
    public static final String TOMBSTONE_BEHAVIOR_DEFAULT = ConfigChoice.spelling(TombstoneBehavior.DELETE);

    public static final String VERSIONING_MODE_CONFIG = "versioning.mode";
    static final String VERSIONING_MODE_DOC = "The external version of every write (index, upsert and "
            + "delete alike): kafka.offset, a value field (versioning.field), a record header (versioning.header), or "
            + "none. With a version, Elasticsearch "
            + "keeps the newer document when an older event arrives again (a replay, a restart): such version "
            + "conflicts are counted and logged, never fatal.";
    public static final String VERSIONING_MODE_DEFAULT = ConfigChoice.spelling(VersioningMode.KAFKA_OFFSET);

    public static final String VERSIONING_HEADER_CONFIG = "versioning.header";
    static final String VERSIONING_HEADER_DOC = "The record header holding the version when versioning.mode=header: "
            + "a number, or its decimal text. Headers version tombstones too.";
    public static final String VERSIONING_HEADER_DEFAULT = "";

    public static final String VERSIONING_FIELD_CONFIG = "versioning.field";
    static final String VERSIONING_FIELD_DOC = "The value field holding the version when "
            + "versioning.mode=field: an integer, or a timestamp (its epoch milliseconds are used).";
    public static final String VERSIONING_FIELD_DEFAULT = "";

    public static final String INDEX_GC_DELETES_CONFIG = "index.gc.deletes";
    static final String INDEX_GC_DELETES_DOC = "How long Elasticsearch remembers the version of a deleted document, "
            + "so that an older event arriving after the delete (a replay after a restart, a rebalance or an offset "
            + "reset; an upstream connector sending again) is refused instead of recreating the document. Past this "
            + "window the delete is forgotten and such an event silently brings the document back. While "
            + "versioning.mode is not none, the sink creates each target index itself with this value as "
            + "index.gc_deletes (Elasticsearch's default is 60s, shorter than a worker restart and its replay). The "
            + "cost: every delete keeps a tombstone (id and version) in the heap of the node holding the shard for "
            + "this long, so the heap held is about the deletes per window; lower it for indices with very many "
            + "deletes, raise it to cover the longest replay you expect. Indices, aliases and data streams that "
            + "already exist are not changed: when one's index.gc_deletes is shorter, validating the configuration "
            + "reports it on this setting (for the targets the template names without a record: literal text, "
            + "${topic} and ${topic[N]} over the listed topics), and the sink logs a warning once per index it "
            + "finds so while running; raise it with PUT <index>/_settings {\"index.gc_deletes\": \"1h\"}, or "
            + "lower this setting to accept the risk. A number and a unit: ms, s, m, h, d.";
    public static final String INDEX_GC_DELETES_DEFAULT = "1h";

    public static final String DATA_STREAM_TIMESTAMP_FIELD_CONFIG = "data.stream.timestamp.field";
    static final String DATA_STREAM_TIMESTAMP_FIELD_DOC = "Where the @timestamp of a document written into a "
            + "data stream comes from when the document has none (data streams refuse documents without it): a "
            + "value field (dotted path; a Connect Date or Timestamp is written as an ISO-8601 instant, an integer "
            + "as epoch milliseconds, text as it is), or, empty, the record's Kafka timestamp. The sink finds out "
            + "whether a target is a data stream (an existing one, an alias of one, or a name a data stream "
            + "template matches) before its first write, and writes there with op_type=create: each document is "
            + "added, never replaced, and one whose id already exists in the write index is refused and counted "
            + "as a version conflict (document.id.strategy=kafka.coordinates gives one document per record and "
            + "makes a replay harmless). Data streams take no external versions, so writing into one needs "
            + "versioning.mode=none (the task fails otherwise, naming it), nor partial updates "
            + "(write.mode=upsert fails the same way), nor deletes by id: a tombstone or delete event aimed at a "
            + "data stream is a bad record (dead-letter queue, or the task fails) unless behavior.on.tombstone="
            + "ignore, which skips it.";
    public static final String DATA_STREAM_TIMESTAMP_FIELD_DEFAULT = "";

    public static final String MAPPING_MODE_CONFIG = "mapping.mode";
    static final String MAPPING_MODE_DOC = "Where field mappings come from: dynamic (Elasticsearch guesses "
            + "from the first value, or an index template you installed decides), schema (the connector maps each "
            + "field from the record's Connect schema before the first document: dates as date, decimals per "
            + "mapping.decimal.type, strings per mapping.string.type; fields a new schema version adds are "
            + "added to the mapping; records without a schema use dynamic mapping), or custom (the connector "
            + "creates each target index with the mapping you give in mapping.custom.json). An index template "
            + "you installed is respected: when a composable template matches an index name, the template's "
            + "settings and mappings apply, the sink adds only settings the template does not set, and in schema "
            + "mode maps no fields there when the template has mappings of its own (a custom mapping is sent as "
            + "given: Elasticsearch lays it over the template's). Existing indices keep their mappings in dynamic "
            + "and custom modes.";
    public static final String MAPPING_MODE_DEFAULT = ConfigChoice.spelling(MappingMode.DYNAMIC);

    public static final String MAPPING_STRING_TYPE_CONFIG = "mapping.string.type";
    static final String MAPPING_STRING_TYPE_DOC = "How mapping.mode=schema maps string fields: text "
            + "(full-text search), keyword (exact: filters, sorting, aggregations), or text.and.keyword (text with a "
            + "'keyword' sub-field, as dynamic mapping does).";
    public static final String MAPPING_STRING_TYPE_DEFAULT = ConfigChoice.spelling(StringMapping.TEXT_AND_KEYWORD);

    public static final String MAPPING_DECIMAL_TYPE_CONFIG = "mapping.decimal.type";
    static final String MAPPING_DECIMAL_TYPE_DOC = "How mapping.mode=schema maps Decimal fields: double (every "
            + "distribution has it), scaled.float (exact cents: a scaled_float of the decimal's scale; needs the "
            + "mapper-extras module of full distributions), or keyword.";
    public static final String MAPPING_DECIMAL_TYPE_DEFAULT = ConfigChoice.spelling(DecimalMapping.DOUBLE);

    public static final String MAPPING_TOTAL_FIELDS_LIMIT_CONFIG = "mapping.total.fields.limit";
    static final String MAPPING_TOTAL_FIELDS_LIMIT_DOC = "A guard against mapping explosion (e.g. schemaless input "
            + "whose keys are data): the most fields an index the sink creates may map. When set, the sink creates "
            + "each target index itself (in either mapping mode) with index.mapping.total_fields.limit; documents "
            + "that would pass it are rejected and handled per behavior.on.malformed.documents. 0: Elasticsearch's "
            + "default (1000), indices created on the first write.";
    public static final int MAPPING_TOTAL_FIELDS_LIMIT_DEFAULT = 0;

    public static final String MAPPING_KEYWORD_FIELDS_CONFIG = "mapping.keyword.fields";
    static final String MAPPING_KEYWORD_FIELDS_DOC = "String fields (dotted paths, e.g. status,address.zip) "
            + "mapped as keyword whatever mapping.string.type says.";
    public static final String MAPPING_KEYWORD_FIELDS_DEFAULT = "";

    public static final String MAPPING_TEXT_FIELDS_CONFIG = "mapping.text.fields";
    static final String MAPPING_TEXT_FIELDS_DOC = "String fields (dotted paths) mapped as text whatever "
            + "mapping.string.type says.";
    public static final String MAPPING_TEXT_FIELDS_DEFAULT = "";

    public static final String MAPPING_CUSTOM_JSON_CONFIG = "mapping.custom.json";
    static final String MAPPING_CUSTOM_JSON_DOC = "The mapping the sink creates each target index with when "
            + "mapping.mode=custom, as JSON: the mappings object of Elasticsearch's create-index API, e.g. "
            + "{\"properties\": {\"status\": {\"type\": \"keyword\"}}, \"dynamic\": \"strict\"}, or a whole "
            + "create-index body {\"settings\": {...}, \"mappings\": {...}} (e.g. the analyzers a mapping uses). "
            + "The sink's own settings (mapping.total.fields.limit, index.gc.deletes) are added unless these "
            + "settings or a matching index template set them. Checked when the connector is configured; to keep "
            + "it in a file, load it with Kafka's DirectoryConfigProvider (config.providers=dir, "
            + "config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider on "
            + "the worker, then mapping.custom.json=${dir:/etc/kafka/mappings:orders.json}).";
    public static final String MAPPING_CUSTOM_JSON_DEFAULT = "";

    public static final String BULK_MAX_ACTIONS_CONFIG = "bulk.max.actions";
    static final String BULK_MAX_ACTIONS_DOC = "Most documents in one bulk request.";
    public static final int BULK_MAX_ACTIONS_DEFAULT = 1000;

    public static final String BULK_MAX_BYTES_CONFIG = "bulk.max.bytes";
    static final String BULK_MAX_BYTES_DOC = "Most bytes of document sources in one bulk request; a larger "
            + "document is sent alone. Requests are also cut to fit what the cluster accepts in one request (the "
            + "smallest http.max_content_length of its nodes, read when a task starts), and a request Elasticsearch "
            + "answers 413 Request Entity Too Large is sent again in halves; a document that alone is over the "
            + "limit is handled per behavior.on.malformed.documents.";
    public static final long BULK_MAX_BYTES_DEFAULT = 5L * 1024 * 1024;

    public static final String BULK_FLUSH_INTERVAL_MS_CONFIG = "bulk.flush.interval.ms";
    static final String BULK_FLUSH_INTERVAL_MS_DOC = "A bulk request that is not full is sent once its "
            + "oldest document has waited this long.";
    public static final long BULK_FLUSH_INTERVAL_MS_DEFAULT = 1_000;

    public static final String BULK_MAX_IN_FLIGHT_CONFIG = "bulk.max.in.flight.requests";
    static final String BULK_MAX_IN_FLIGHT_DOC = "Bulk requests sent concurrently by one task. When that "
            + "many are in flight and another is ready, the task pauses its partitions until one completes.";
    public static final int BULK_MAX_IN_FLIGHT_DEFAULT = 2;

    public static final String MAX_RETRIES_CONFIG = "max.retries";
    static final String MAX_RETRIES_DOC = "Retries of a bulk request that cannot reach the cluster, and of "
            + "the items the cluster answers with 429 or a 5xx status (only those items are sent again). When they "
            + "are spent, the task fails and nothing unwritten is committed. The defaults ride out an outage of about two "
            + "minutes.";
    public static final int MAX_RETRIES_DEFAULT = 15;

    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    static final String RETRY_BACKOFF_MS_DOC = "Upper bound of the jittered wait before the first retry; "
            + "it doubles with every retry up to retry.backoff.max.ms.";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 100;

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    static final String RETRY_BACKOFF_MAX_MS_DOC = "Upper bound of any wait between retries.";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 30_000;

    public static final String MALFORMED_DOCUMENTS_CONFIG = "behavior.on.malformed.documents";
    static final String MALFORMED_DOCUMENTS_DOC = "What happens to a document Elasticsearch rejects on its "
            + "own merits (a mapping conflict, a bad value, a size over the nodes' http.max_content_length): fail "
            + "(a bad record: to the dead-letter queue when errors.tolerance=all, else the task fails naming the "
            + "record and field), warn (dead-letter queue if "
            + "any, else a logged warning; go on), or ignore (skip; counted only).";
    public static final String MALFORMED_DOCUMENTS_DEFAULT = ConfigChoice.spelling(MalformedDocumentBehavior.FAIL);

    public static final ConfigDef CONFIG_DEF = ElasticsearchSinkConfigDef.build();

    private final IndexNameTemplate indexNameTemplate;
    /** Null unless mapping.custom.json is set. */
    private final CustomIndexDefinition customIndexDefinition;

    public ElasticsearchSinkConnectorConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        String customJson = getString(MAPPING_CUSTOM_JSON_CONFIG);
        customIndexDefinition = customJson == null || customJson.isBlank() ? null
                : CustomIndexDefinition.parse(MAPPING_CUSTOM_JSON_CONFIG, customJson);
        indexNameTemplate = IndexNameTemplate.parse(getString(INDEX_NAME_TEMPLATE_CONFIG), INDEX_NAME_TEMPLATE_CONFIG);
        IndexNameRules.validateTemplate(indexNameTemplate.toString(), INDEX_NAME_TEMPLATE_CONFIG);
        checkCrossFieldRules();
    }

    private void checkCrossFieldRules() {
        if (idStrategy() == IdStrategy.VALUE_FIELDS && documentIdFields().isEmpty()) {
            throw new ConfigException(DOCUMENT_ID_FIELDS_CONFIG, "", "list the value fields that make the id when "
                    + DOCUMENT_ID_STRATEGY_CONFIG + "=value.fields");
        }
        if (versioningMode() == VersioningMode.FIELD && versioningField().isEmpty()) {
            throw new ConfigException(VERSIONING_FIELD_CONFIG, "", "name the value field holding the version when "
                    + VERSIONING_MODE_CONFIG + "=field");
        }
        if (versioningMode() == VersioningMode.HEADER && versioningHeader().isEmpty()) {
            throw new ConfigException(VERSIONING_HEADER_CONFIG, "", "name the record header holding the version when "
                    + VERSIONING_MODE_CONFIG + "=header");
        }
        if (!username().isEmpty() && apiKey() != null) {
            throw new ConfigException(CONNECTION_API_KEY_CONFIG, "[hidden]", "use basic authentication ("
                    + CONNECTION_USERNAME_CONFIG + ") or an API key, not both");
        }
        if (!username().isEmpty() && password() == null) {
            throw new ConfigException(CONNECTION_PASSWORD_CONFIG, null, "a password is needed with "
                    + CONNECTION_USERNAME_CONFIG);
        }
        if (!truststorePath().isEmpty() && !caPemPath().isEmpty()) {
            throw new ConfigException(TLS_CA_PEM_PATH_CONFIG, caPemPath(), "set " + TLS_TRUSTSTORE_PATH_CONFIG
                    + " or " + TLS_CA_PEM_PATH_CONFIG + ", not both");
        }
        if (mappingMode() == MappingMode.CUSTOM && customIndexDefinition() == null) {
            throw new ConfigException(MAPPING_CUSTOM_JSON_CONFIG, "", "give the mapping (JSON) to create indices "
                    + "with when " + MAPPING_MODE_CONFIG + "=custom");
        }
        if (mappingMode() != MappingMode.CUSTOM && customIndexDefinition() != null) {
            throw new ConfigException(MAPPING_CUSTOM_JSON_CONFIG, "(a mapping)", "is used only when "
                    + MAPPING_MODE_CONFIG + "=custom; set that, or remove this key");
        }
        if (getLong(RETRY_BACKOFF_MAX_MS_CONFIG) < getLong(RETRY_BACKOFF_MS_CONFIG)) {
            throw new ConfigException(RETRY_BACKOFF_MAX_MS_CONFIG, getLong(RETRY_BACKOFF_MAX_MS_CONFIG),
                    "must not be smaller than " + RETRY_BACKOFF_MS_CONFIG);
        }
    }

    public List<String> urls() {
        return getList(CONNECTION_URLS_CONFIG);
    }

    /** The basic-auth user, or empty for none. */
    public String username() {
        return getString(CONNECTION_USERNAME_CONFIG).trim();
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
        return getString(TLS_TRUSTSTORE_TYPE_CONFIG).toUpperCase(java.util.Locale.ROOT);
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
        return ConfigChoice.parse(IdStrategy.class, DOCUMENT_ID_STRATEGY_CONFIG,
                getString(DOCUMENT_ID_STRATEGY_CONFIG));
    }

    public List<String> documentIdFields() {
        return getList(DOCUMENT_ID_FIELDS_CONFIG).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public WriteMode writeMode() {
        return ConfigChoice.parse(WriteMode.class, WRITE_MODE_CONFIG, getString(WRITE_MODE_CONFIG));
    }

    public TombstoneBehavior tombstoneBehavior() {
        return ConfigChoice.parse(TombstoneBehavior.class, TOMBSTONE_BEHAVIOR_CONFIG,
                getString(TOMBSTONE_BEHAVIOR_CONFIG));
    }

    public VersioningMode versioningMode() {
        return ConfigChoice.parse(VersioningMode.class, VERSIONING_MODE_CONFIG, getString(VERSIONING_MODE_CONFIG));
    }

    /** The version field, or empty. */
    public String versioningField() {
        return getString(VERSIONING_FIELD_CONFIG).trim();
    }

    /** The version header, or empty. */
    public String versioningHeader() {
        return getString(VERSIONING_HEADER_CONFIG).trim();
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

    public int bulkMaxActions() {
        return getInt(BULK_MAX_ACTIONS_CONFIG);
    }

    public long bulkMaxBytes() {
        return getLong(BULK_MAX_BYTES_CONFIG);
    }

    public Duration bulkFlushInterval() {
        return Duration.ofMillis(getLong(BULK_FLUSH_INTERVAL_MS_CONFIG));
    }

    public int bulkMaxInFlight() {
        return getInt(BULK_MAX_IN_FLIGHT_CONFIG);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(getInt(MAX_RETRIES_CONFIG), Duration.ofMillis(getLong(RETRY_BACKOFF_MS_CONFIG)),
                Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS_CONFIG)));
    }

    public MappingMode mappingMode() {
        return ConfigChoice.parse(MappingMode.class, MAPPING_MODE_CONFIG, getString(MAPPING_MODE_CONFIG));
    }

    public StringMapping stringMapping() {
        return ConfigChoice.parse(StringMapping.class, MAPPING_STRING_TYPE_CONFIG,
                getString(MAPPING_STRING_TYPE_CONFIG));
    }

    public DecimalMapping decimalMapping() {
        return ConfigChoice.parse(DecimalMapping.class, MAPPING_DECIMAL_TYPE_CONFIG,
                getString(MAPPING_DECIMAL_TYPE_CONFIG));
    }

    /** The total-fields limit of created indices, or 0 for Elasticsearch's default. */
    public int mappingTotalFieldsLimit() {
        return getInt(MAPPING_TOTAL_FIELDS_LIMIT_CONFIG);
    }

    public java.util.Set<String> keywordFields() {
        return trimmedSet(MAPPING_KEYWORD_FIELDS_CONFIG);
    }

    public java.util.Set<String> textFields() {
        return trimmedSet(MAPPING_TEXT_FIELDS_CONFIG);
    }

    private java.util.Set<String> trimmedSet(String key) {
        return getList(key).stream().map(String::trim).filter(s -> !s.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public MalformedDocumentBehavior malformedDocumentBehavior() {
        return ConfigChoice.parse(MalformedDocumentBehavior.class, MALFORMED_DOCUMENTS_CONFIG,
                getString(MALFORMED_DOCUMENTS_CONFIG));
    }

    /** The index definition of mapping.mode=custom, or null when none is given. */
    public CustomIndexDefinition customIndexDefinition() {
        return customIndexDefinition;
    }

    /** The value field giving a data stream document its @timestamp, or empty for the record's timestamp. */
    public String dataStreamTimestampField() {
        return getString(DATA_STREAM_TIMESTAMP_FIELD_CONFIG).trim();
    }
}
