package io.cqrsconnect.elasticsearch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.naming.NamingTemplate;
import io.cqrsconnect.common.retry.RetryPolicy;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The Elasticsearch sink's configuration: the {@link ConfigDef} (groups connection, write, bulk, retries, errors)
 * and an immutable typed view of one configuration. Constructing it checks every value and every cross-field rule
 * that can be checked offline; {@code ElasticsearchSinkConnector.validate()} adds the checks that need the cluster.
 */
public final class ElasticsearchSinkConnectorConfig extends AbstractConfig {

    public static final String CONNECTION_GROUP = "Connection";
    public static final String WRITE_GROUP = "Write";
    public static final String BULK_GROUP = "Bulk";
    public static final String RETRIES_GROUP = "Retries";
    public static final String ERRORS_GROUP = "Errors";

    public static final String CONNECTION_URLS_CONFIG = "connection.urls";
    private static final String CONNECTION_URLS_DOC = "Elasticsearch HTTP endpoints, comma-separated, e.g. "
            + "https://es1:9200,https://es2:9200. Requests are spread over them.";

    public static final String CONNECTION_USERNAME_CONFIG = "connection.username";
    private static final String CONNECTION_USERNAME_DOC = "User for basic authentication; empty for none.";
    public static final String CONNECTION_USERNAME_DEFAULT = "";

    public static final String CONNECTION_PASSWORD_CONFIG = "connection.password";
    private static final String CONNECTION_PASSWORD_DOC = "Password for basic authentication.";

    public static final String CONNECTION_API_KEY_CONFIG = "connection.api.key";
    private static final String CONNECTION_API_KEY_DOC = "An Elasticsearch API key (the base64 'encoded' form), "
            + "sent as 'Authorization: ApiKey ...'. Use it or basic authentication, not both.";

    public static final String CONNECTION_TIMEOUT_MS_CONFIG = "connection.timeout.ms";
    private static final String CONNECTION_TIMEOUT_MS_DOC = "How long to wait for a TCP connection.";
    public static final int CONNECTION_TIMEOUT_MS_DEFAULT = 5_000;

    public static final String READ_TIMEOUT_MS_CONFIG = "read.timeout.ms";
    private static final String READ_TIMEOUT_MS_DOC = "How long to wait for the answer to one request.";
    public static final int READ_TIMEOUT_MS_DEFAULT = 60_000;

    public static final String TLS_TRUSTSTORE_PATH_CONFIG = "tls.truststore.path";
    private static final String TLS_TRUSTSTORE_PATH_DOC = "Trust store (JKS or PKCS12) holding the CA that signed "
            + "the cluster's certificate, for https URLs. Empty: the JVM's default trust store, or tls.ca.pem.path.";
    public static final String TLS_TRUSTSTORE_PATH_DEFAULT = "";

    public static final String TLS_TRUSTSTORE_PASSWORD_CONFIG = "tls.truststore.password";
    private static final String TLS_TRUSTSTORE_PASSWORD_DOC = "Password of the trust store.";

    public static final String TLS_TRUSTSTORE_TYPE_CONFIG = "tls.truststore.type";
    private static final String TLS_TRUSTSTORE_TYPE_DOC = "Trust store format: PKCS12 or JKS.";
    public static final String TLS_TRUSTSTORE_TYPE_DEFAULT = "PKCS12";

    public static final String TLS_CA_PEM_PATH_CONFIG = "tls.ca.pem.path";
    private static final String TLS_CA_PEM_PATH_DOC = "A PEM file with the CA certificate(s) to trust, as "
            + "Elasticsearch writes to config/certs/http_ca.crt. Alternative to tls.truststore.path.";
    public static final String TLS_CA_PEM_PATH_DEFAULT = "";

    public static final String TLS_HOSTNAME_VERIFICATION_CONFIG = "tls.hostname.verification";
    private static final String TLS_HOSTNAME_VERIFICATION_DOC = "Check that the server certificate names the host "
            + "connected to. Turn off only for test clusters whose certificates name no host.";
    public static final boolean TLS_HOSTNAME_VERIFICATION_DEFAULT = true;

    public static final String INDEX_NAME_TEMPLATE_CONFIG = "index.name.template";
    private static final String INDEX_NAME_TEMPLATE_DOC = "The index (or alias, or data stream) each record is "
            + "written to: text with ${topic}, ${topic[N]}, ${source.db}, ${source.schema}, ${source.table}. The "
            + "result is lower-cased and must be a valid Elasticsearch index name.";
    public static final String INDEX_NAME_TEMPLATE_DEFAULT = "${topic}";

    public static final String DOCUMENT_ID_STRATEGY_CONFIG = "document.id.strategy";
    private static final String DOCUMENT_ID_STRATEGY_DOC = "Where document ids come from: record.key (a primitive "
            + "key as is; a struct key as its field values in field order joined by '|', with '|' and '\\' "
            + "escaped by '\\'; a schemaless map key as name=value pairs in name order, joined the same way; a "
            + "struct or map of one field as that field's value), value.fields (the fields in document.id.fields, "
            + "joined the same way), or kafka.coordinates (topic|partition|offset: one document per record).";
    public static final String DOCUMENT_ID_STRATEGY_DEFAULT = ConfigChoice.spelling(IdStrategy.RECORD_KEY);

    public static final String DOCUMENT_ID_FIELDS_CONFIG = "document.id.fields";
    private static final String DOCUMENT_ID_FIELDS_DOC = "The value fields that make the document id when "
            + "document.id.strategy=value.fields.";
    public static final String DOCUMENT_ID_FIELDS_DEFAULT = "";

    public static final String WRITE_MODE_CONFIG = "write.mode";
    private static final String WRITE_MODE_DOC = "index: each event replaces the whole document. upsert: the "
            + "event's fields are merged into the existing document, which is created when absent.";
    public static final String WRITE_MODE_DEFAULT = ConfigChoice.spelling(WriteMode.INDEX);

    public static final String TOMBSTONE_BEHAVIOR_CONFIG = "behavior.on.tombstone";
    private static final String TOMBSTONE_BEHAVIOR_DOC = "What a record with a null value does: delete the "
            + "document its key names, ignore it, or fail (a bad record: dead-letter queue or task failure).";
    public static final String TOMBSTONE_BEHAVIOR_DEFAULT = ConfigChoice.spelling(TombstoneBehavior.DELETE);

    public static final String VERSIONING_MODE_CONFIG = "versioning.mode";
    private static final String VERSIONING_MODE_DOC = "The external version of every write (index, upsert and "
            + "delete alike): kafka.offset, a value field (versioning.field), or none. With a version, Elasticsearch "
            + "keeps the newer document when an older event arrives again (a replay, a restart): such version "
            + "conflicts are counted and logged, never fatal.";
    public static final String VERSIONING_MODE_DEFAULT = ConfigChoice.spelling(VersioningMode.KAFKA_OFFSET);

    public static final String VERSIONING_FIELD_CONFIG = "versioning.field";
    private static final String VERSIONING_FIELD_DOC = "The value field holding the version when "
            + "versioning.mode=field: an integer, or a timestamp (its epoch milliseconds are used).";
    public static final String VERSIONING_FIELD_DEFAULT = "";

    public static final String BULK_MAX_ACTIONS_CONFIG = "bulk.max.actions";
    private static final String BULK_MAX_ACTIONS_DOC = "Most documents in one bulk request.";
    public static final int BULK_MAX_ACTIONS_DEFAULT = 1000;

    public static final String BULK_MAX_BYTES_CONFIG = "bulk.max.bytes";
    private static final String BULK_MAX_BYTES_DOC = "Most bytes of document sources in one bulk request.";
    public static final long BULK_MAX_BYTES_DEFAULT = 5L * 1024 * 1024;

    public static final String BULK_FLUSH_INTERVAL_MS_CONFIG = "bulk.flush.interval.ms";
    private static final String BULK_FLUSH_INTERVAL_MS_DOC = "A bulk request that is not full is sent once its "
            + "oldest document has waited this long.";
    public static final long BULK_FLUSH_INTERVAL_MS_DEFAULT = 1_000;

    public static final String BULK_MAX_IN_FLIGHT_CONFIG = "bulk.max.in.flight.requests";
    private static final String BULK_MAX_IN_FLIGHT_DOC = "Bulk requests sent concurrently by one task. When that "
            + "many are in flight and another is ready, the task pauses its partitions until one completes.";
    public static final int BULK_MAX_IN_FLIGHT_DEFAULT = 2;

    public static final String MAX_RETRIES_CONFIG = "max.retries";
    private static final String MAX_RETRIES_DOC = "Retries of a bulk request that cannot reach the cluster, and of "
            + "the items the cluster answers with 429 or a 5xx status (only those items are sent again). When they "
            + "are spent, the task fails and nothing unwritten is committed. The defaults ride out an outage of about two "
            + "minutes.";
    public static final int MAX_RETRIES_DEFAULT = 15;

    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    private static final String RETRY_BACKOFF_MS_DOC = "Upper bound of the jittered wait before the first retry; "
            + "it doubles with every retry up to retry.backoff.max.ms.";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 100;

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "Upper bound of any wait between retries.";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 30_000;

    public static final String MALFORMED_DOCUMENTS_CONFIG = "behavior.on.malformed.documents";
    private static final String MALFORMED_DOCUMENTS_DOC = "What happens to a document Elasticsearch rejects on its "
            + "own merits (a mapping conflict, a bad value): fail (a bad record: to the dead-letter queue when "
            + "errors.tolerance=all, else the task fails naming the record and field), warn (dead-letter queue if "
            + "any, else a logged warning; go on), or ignore (skip; counted only).";
    public static final String MALFORMED_DOCUMENTS_DEFAULT = ConfigChoice.spelling(MalformedDocumentBehavior.FAIL);

    public static final ConfigDef CONFIG_DEF = configDef();

    private final NamingTemplate indexNameTemplate;

    public ElasticsearchSinkConnectorConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        indexNameTemplate = NamingTemplate.parse(getString(INDEX_NAME_TEMPLATE_CONFIG), INDEX_NAME_TEMPLATE_CONFIG);
        IndexNameRules.validateTemplate(indexNameTemplate.toString(), INDEX_NAME_TEMPLATE_CONFIG);
        checkCrossFieldRules();
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(CONNECTION_URLS_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new HttpUrlsValidator(),
                Importance.HIGH, CONNECTION_URLS_DOC, CONNECTION_GROUP, ++order, Width.LONG, "Elasticsearch URLs");
        def.define(CONNECTION_USERNAME_CONFIG, Type.STRING, CONNECTION_USERNAME_DEFAULT, Importance.MEDIUM,
                CONNECTION_USERNAME_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "User name");
        def.define(CONNECTION_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, CONNECTION_PASSWORD_DOC,
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
                CONNECTION_GROUP, ++order, Width.SHORT, "Trust store type");
        def.define(TLS_CA_PEM_PATH_CONFIG, Type.STRING, TLS_CA_PEM_PATH_DEFAULT, Importance.MEDIUM,
                TLS_CA_PEM_PATH_DOC, CONNECTION_GROUP, ++order, Width.LONG, "CA certificate (PEM)");
        def.define(TLS_HOSTNAME_VERIFICATION_CONFIG, Type.BOOLEAN, TLS_HOSTNAME_VERIFICATION_DEFAULT,
                Importance.LOW, TLS_HOSTNAME_VERIFICATION_DOC, CONNECTION_GROUP, ++order, Width.SHORT,
                "Verify host names");

        order = 0;
        def.define(INDEX_NAME_TEMPLATE_CONFIG, Type.STRING, INDEX_NAME_TEMPLATE_DEFAULT,
                new ConfigDef.NonEmptyString(), Importance.HIGH, INDEX_NAME_TEMPLATE_DOC, WRITE_GROUP, ++order,
                Width.LONG, "Index name template");
        define(def, DOCUMENT_ID_STRATEGY_CONFIG, IdStrategy.class, DOCUMENT_ID_STRATEGY_DEFAULT, Importance.HIGH,
                DOCUMENT_ID_STRATEGY_DOC, WRITE_GROUP, ++order, "Document id strategy");
        def.define(DOCUMENT_ID_FIELDS_CONFIG, Type.LIST, DOCUMENT_ID_FIELDS_DEFAULT, Importance.MEDIUM,
                DOCUMENT_ID_FIELDS_DOC, WRITE_GROUP, ++order, Width.LONG, "Document id fields",
                List.of(DOCUMENT_ID_STRATEGY_CONFIG),
                visibleWhen(DOCUMENT_ID_STRATEGY_CONFIG, ConfigChoice.spelling(IdStrategy.VALUE_FIELDS)));
        define(def, WRITE_MODE_CONFIG, WriteMode.class, WRITE_MODE_DEFAULT, Importance.HIGH, WRITE_MODE_DOC,
                WRITE_GROUP, ++order, "Write mode");
        define(def, TOMBSTONE_BEHAVIOR_CONFIG, TombstoneBehavior.class, TOMBSTONE_BEHAVIOR_DEFAULT,
                Importance.MEDIUM, TOMBSTONE_BEHAVIOR_DOC, WRITE_GROUP, ++order, "On tombstones");
        define(def, VERSIONING_MODE_CONFIG, VersioningMode.class, VERSIONING_MODE_DEFAULT, Importance.HIGH,
                VERSIONING_MODE_DOC, WRITE_GROUP, ++order, "Versioning");
        def.define(VERSIONING_FIELD_CONFIG, Type.STRING, VERSIONING_FIELD_DEFAULT, Importance.MEDIUM,
                VERSIONING_FIELD_DOC, WRITE_GROUP, ++order, Width.MEDIUM, "Version field",
                List.of(VERSIONING_MODE_CONFIG),
                visibleWhen(VERSIONING_MODE_CONFIG, ConfigChoice.spelling(VersioningMode.FIELD)));

        order = 0;
        def.define(BULK_MAX_ACTIONS_CONFIG, Type.INT, BULK_MAX_ACTIONS_DEFAULT, Range.between(1, 100_000),
                Importance.MEDIUM, BULK_MAX_ACTIONS_DOC, BULK_GROUP, ++order, Width.SHORT, "Max documents per bulk");
        def.define(BULK_MAX_BYTES_CONFIG, Type.LONG, BULK_MAX_BYTES_DEFAULT, Range.atLeast(1024),
                Importance.MEDIUM, BULK_MAX_BYTES_DOC, BULK_GROUP, ++order, Width.SHORT, "Max bytes per bulk");
        def.define(BULK_FLUSH_INTERVAL_MS_CONFIG, Type.LONG, BULK_FLUSH_INTERVAL_MS_DEFAULT, Range.atLeast(0),
                Importance.MEDIUM, BULK_FLUSH_INTERVAL_MS_DOC, BULK_GROUP, ++order, Width.SHORT,
                "Flush interval (ms)");
        def.define(BULK_MAX_IN_FLIGHT_CONFIG, Type.INT, BULK_MAX_IN_FLIGHT_DEFAULT, Range.between(1, 64),
                Importance.MEDIUM, BULK_MAX_IN_FLIGHT_DOC, BULK_GROUP, ++order, Width.SHORT,
                "Bulk requests in flight");

        order = 0;
        def.define(MAX_RETRIES_CONFIG, Type.INT, MAX_RETRIES_DEFAULT, Range.atLeast(0), Importance.MEDIUM,
                MAX_RETRIES_DOC, RETRIES_GROUP, ++order, Width.SHORT, "Max retries");
        def.define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, Range.atLeast(0),
                Importance.LOW, RETRY_BACKOFF_MS_DOC, RETRIES_GROUP, ++order, Width.SHORT, "Retry backoff (ms)");
        def.define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT, Range.atLeast(0),
                Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC, RETRIES_GROUP, ++order, Width.SHORT,
                "Max retry backoff (ms)");

        define(def, MALFORMED_DOCUMENTS_CONFIG, MalformedDocumentBehavior.class, MALFORMED_DOCUMENTS_DEFAULT,
                Importance.MEDIUM, MALFORMED_DOCUMENTS_DOC, ERRORS_GROUP, 1, "On malformed documents");
        return def;
    }

    private static <E extends Enum<E>> void define(ConfigDef def, String name, Class<E> type, String defaultValue,
                                                   Importance importance, String doc, String group, int order,
                                                   String displayName) {
        def.define(name, Type.STRING, defaultValue, ConfigChoice.validator(type), importance, doc, group, order,
                Width.SHORT, displayName, ConfigChoice.recommender(type));
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

    private void checkCrossFieldRules() {
        if (idStrategy() == IdStrategy.VALUE_FIELDS && documentIdFields().isEmpty()) {
            throw new ConfigException(DOCUMENT_ID_FIELDS_CONFIG, "", "list the value fields that make the id when "
                    + DOCUMENT_ID_STRATEGY_CONFIG + "=value.fields");
        }
        if (versioningMode() == VersioningMode.FIELD && versioningField().isEmpty()) {
            throw new ConfigException(VERSIONING_FIELD_CONFIG, "", "name the value field holding the version when "
                    + VERSIONING_MODE_CONFIG + "=field");
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

    public NamingTemplate indexNameTemplate() {
        return indexNameTemplate;
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

    public MalformedDocumentBehavior malformedDocumentBehavior() {
        return ConfigChoice.parse(MalformedDocumentBehavior.class, MALFORMED_DOCUMENTS_CONFIG,
                getString(MALFORMED_DOCUMENTS_CONFIG));
    }
}
