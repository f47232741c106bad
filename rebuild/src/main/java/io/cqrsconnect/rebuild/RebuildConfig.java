package io.cqrsconnect.rebuild;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The settings of a rebuild's coordinator connector. The REST extension and the CLI fill them in. */
public final class RebuildConfig extends AbstractConfig {

    public static final String CONNECTOR_CONFIG = "rebuild.connector";
    public static final String OVERRIDES_CONFIG = "rebuild.config.overrides";
    public static final String CONNECT_URL_CONFIG = "rebuild.connect.url";
    public static final String CONNECT_USER_CONFIG = "rebuild.connect.user";
    public static final String CONNECT_PASSWORD_CONFIG = "rebuild.connect.password";
    /** Prefix of the Kafka client settings (Admin, producer, consumer) the coordinator uses. */
    public static final String KAFKA_PREFIX = "rebuild.kafka.";
    /**
     * Prefix of the copy of the live connector's config taken when the rebuild was requested ({@link RebuildStarter}):
     * the worker resolves its config provider placeholders for the coordinator, which opens the store with it.
     */
    public static final String LIVE_PREFIX = "rebuild.live.";
    public static final String STATUS_TOPIC_CONFIG = "rebuild.status.topic";
    public static final String KEEP_GENERATIONS_CONFIG = "rebuild.keep.generations";
    public static final String FORCE_CONFIG = "rebuild.force";
    public static final String IN_PLACE_CONFIG = "rebuild.in.place";
    public static final String CANCEL_CONFIG = "rebuild.cancel";
    public static final String POLL_INTERVAL_CONFIG = "rebuild.poll.interval.ms";
    public static final String REQUESTED_AT_CONFIG = "rebuild.requested.at";
    /** Set by each sink plugin's coordinator connector for its tasks: the {@link ReadModelStore} class. */
    static final String STORE_CLASS_CONFIG = "rebuild.store.class";

    public static final String DEFAULT_STATUS_TOPIC = "cqrs-connect-read-models";

    /**
     * Prefix of the sink settings that say how a rebuild replays (for example the Elasticsearch builder's index
     * settings): in a rebuild's overrides they shape that rebuild alone and do not stay on the live connector, or
     * every later rebuild would inherit one request's choice.
     */
    public static final String REPLAY_PREFIX = "read.model.replay.";

    /**
     * The converters a coordinator connector is created with, whatever the worker's defaults: its records are the
     * status topic, which holds each status as plain JSON text and is read back as such ({@link StatusLog}). A
     * worker's default converter would change that: Kafka's {@code JsonConverter} wraps the text in a schema
     * envelope, Avro makes it binary.
     */
    public static final Map<String, String> CONVERTERS = Map.of(
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter");

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(CONNECTOR_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "The live sink connector whose read model is rebuilt; it keeps its name. A copy "
                            + "of its config, taken when the rebuild was requested, goes under rebuild.live.: the "
                            + "coordinator reaches the read model's store with it, secrets from config providers "
                            + "included.")
            .define(REQUESTED_AT_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.LOW, "When the rebuild was requested (ISO-8601); tells a new request from the "
                            + "status a finished one left in the status topic.")
            .define(OVERRIDES_CONFIG, Type.STRING, "{}", new OverridesValidator(), Importance.MEDIUM,
                    "A JSON object of settings the next generation is built with, and the live connector runs with "
                            + "after the switch, e.g. {\"field.include.list\": \"id,status\"}. Settings under "
                            + REPLAY_PREFIX + " apply to this rebuild's replay alone.")
            .define(CONNECT_URL_CONFIG, Type.STRING, "http://localhost:8083", new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "The Connect REST API the coordinator stops, resumes and reconfigures "
                            + "connectors through: the URL of one or more workers of the cluster, comma-separated. "
                            + "A request that cannot reach one goes to the next, so list several (or a load "
                            + "balancer): the coordinator goes on on another worker when its own dies, and needs a "
                            + "REST API that is still up.")
            .define(CONNECT_USER_CONFIG, Type.STRING, "", Importance.MEDIUM,
                    "User for the worker's REST basic authentication; empty when it has none.")
            .define(CONNECT_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM,
                    "Password of rebuild.connect.user.")
            .define(KAFKA_PREFIX + "bootstrap.servers", Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The Kafka cluster of the connector's topics and of the status topic. Other Kafka client "
                            + "settings (security) go under the same prefix, e.g. rebuild.kafka.security.protocol.")
            .define(STATUS_TOPIC_CONFIG, Type.STRING, DEFAULT_STATUS_TOPIC, new ConfigDef.NonEmptyString(),
                    Importance.LOW, "The compacted topic holding every rebuild's status; created when missing.")
            .define(KEEP_GENERATIONS_CONFIG, Type.INT, 2, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Generations kept after a switch, the new one included; older ones are dropped. Keep 2 or more "
                            + "to be able to point a logical name back by hand.")
            .define(FORCE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Rebuild even though retention has already deleted the beginning of a topic that is not "
                            + "compacted: the new generation then lacks what that history held.")
            .define(IN_PLACE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Rebuild in place, with downtime, for models written without generations or users who accept "
                            + "it: the live connector stops, its read model is cleared (readers see it empty from "
                            + "then on, and refilling as the replay goes), its offsets go back to the earliest "
                            + "retained, and it resumes with the rebuild's config changes. The downtime lasts until "
                            + "the replay has caught up, which the status follows (the connector asks for a commit "
                            + "every second meanwhile, and gets its own offset.commit.interval.ms back at the end). "
                            + "No second generation is built, "
                            + "so it needs no room for one; a cancel is possible only before the model is cleared.")
            .define(CANCEL_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                    "Set by a cancel request: the coordinator drops the partial generation and resumes the live "
                            + "connector if it stopped it.")
            .define(POLL_INTERVAL_CONFIG, Type.LONG, 1000L, ConfigDef.Range.between(50, 60_000), Importance.LOW,
                    "How often the coordinator checks the builder's progress and takes the next step. While "
                            + "live writes are paused for the handoff it looks every 100 ms (or this, if shorter).")
            .define(STORE_CLASS_CONFIG, Type.STRING, "", Importance.LOW,
                    "Set by the coordinator connector for its task; not for users.");

    private final Map<String, String> overrides;

    public RebuildConfig(Map<String, String> props) {
        super(DEFINITION, props);
        this.overrides = parseOverrides(getString(OVERRIDES_CONFIG));
    }

    public String connector() {
        return getString(CONNECTOR_CONFIG);
    }

    public String requestedAt() {
        return getString(REQUESTED_AT_CONFIG);
    }

    /** The settings to change in the rebuilt connector. */
    public Map<String, String> overrides() {
        return overrides;
    }

    /**
     * The live connector's config as it was when the rebuild was requested, placeholders resolved by the worker:
     * everything under {@value #LIVE_PREFIX}, prefix removed.
     */
    public Map<String, String> liveConfig() {
        Map<String, String> live = new LinkedHashMap<>();
        originalsWithPrefix(LIVE_PREFIX).forEach((key, value) -> live.put(key, String.valueOf(value)));
        return live;
    }

    /** Kafka client settings: everything under {@code rebuild.kafka.}, prefix removed. */
    public Map<String, Object> kafkaClient() {
        return new HashMap<>(originalsWithPrefix(KAFKA_PREFIX));
    }

    public ConnectApi connectApi() {
        return new ConnectApi(getString(CONNECT_URL_CONFIG), getString(CONNECT_USER_CONFIG),
                getPassword(CONNECT_PASSWORD_CONFIG).value());
    }

    public String statusTopic() {
        return getString(STATUS_TOPIC_CONFIG);
    }

    public int keepGenerations() {
        return getInt(KEEP_GENERATIONS_CONFIG);
    }

    public boolean inPlace() {
        return getBoolean(IN_PLACE_CONFIG);
    }

    public boolean force() {
        return getBoolean(FORCE_CONFIG);
    }

    public boolean cancel() {
        return getBoolean(CANCEL_CONFIG);
    }

    public long pollIntervalMs() {
        return getLong(POLL_INTERVAL_CONFIG);
    }

    /** Refuses overrides that {@link #parseOverrides} would, so {@code validate()} reports them on their key. */
    private static final class OverridesValidator implements ConfigDef.Validator {

        @Override
        public void ensureValid(String name, Object value) {
            parseOverrides((String) value);
        }

        @Override
        public String toString() {
            return "a JSON object of settings";
        }
    }

    /** Parses a JSON object of settings; values are taken as text, as Connect configs are. */
    public static Map<String, String> parseOverrides(String json) {
        JsonNode node;
        try {
            node = StatusLog.JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(OVERRIDES_CONFIG, json, "not JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new ConfigException(OVERRIDES_CONFIG, json, "must be a JSON object of settings");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> settings.put(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        for (String fixed : new String[] {"name", "connector.class", "read.model.generation"}) {
            if (settings.containsKey(fixed)) {
                throw new ConfigException(OVERRIDES_CONFIG, json, "'" + fixed + "' cannot change in a rebuild: the "
                        + "connector keeps its name and class, and the rebuild chooses the next generation");
            }
        }
        return settings;
    }
}
