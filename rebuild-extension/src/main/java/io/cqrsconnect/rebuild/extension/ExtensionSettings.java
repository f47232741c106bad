package io.cqrsconnect.rebuild.extension;

import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.rebuild.RebuildConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * What the extension takes from the worker's config: how to reach Kafka (the status topic, and the same settings
 * for the coordinators it creates) and, when set, how coordinators reach the REST API. Its own settings are worker
 * settings under {@code cqrs.rebuild.}; {@link #DEFINITION} documents them.
 *
 * @param kafkaClient     {@code bootstrap.servers} and the worker's Kafka client security settings
 * @param connectUrl      the REST URL coordinators use; empty: the URL the request came in on
 * @param connectUser     for a worker whose REST API needs basic authentication
 * @param connectPassword that user's password
 * @param statusTopic     the compacted topic of rebuild statuses
 */
record ExtensionSettings(Map<String, Object> kafkaClient, String connectUrl, String connectUser,
                         String connectPassword, String statusTopic) {

    static final String PREFIX = "cqrs.rebuild.";
    static final String CONNECT_URL_CONFIG = PREFIX + "connect.url";
    static final String CONNECT_USER_CONFIG = PREFIX + "connect.user";
    static final String CONNECT_PASSWORD_CONFIG = PREFIX + "connect.password";
    static final String STATUS_TOPIC_CONFIG = PREFIX + "status.topic";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(CONNECT_URL_CONFIG, Type.STRING, "", Importance.MEDIUM,
                    "The Connect REST URL the extension and the rebuild coordinators it starts call to stop, "
                            + "resume and reconfigure connectors: one or more workers of the cluster, "
                            + "comma-separated, or a load balancer. Empty: the URL the rebuild request came in on, "
                            + "and for coordinators also the URLs of the other workers running connectors then, so "
                            + "that a coordinator moved off a dead worker still reaches the API; set it when workers "
                            + "reach each other by other names than clients do (a proxy, a load balancer).")
            .define(CONNECT_USER_CONFIG, Type.STRING, "", Importance.MEDIUM,
                    "User for the worker's REST basic authentication; empty when it has none.")
            .define(CONNECT_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM,
                    "Password of cqrs.rebuild.connect.user. It is copied into each coordinator's config "
                            + "(rebuild.connect.password): use a config provider reference, e.g. "
                            + "${file:/etc/kafka/rebuild.properties:password}, to keep it out of the config topic.")
            .define(STATUS_TOPIC_CONFIG, Type.STRING, RebuildConfig.DEFAULT_STATUS_TOPIC,
                    new ConfigDef.NonEmptyString(), Importance.LOW,
                    "The compacted topic holding every rebuild's status; created when missing. The same on every "
                            + "worker.");

    static ExtensionSettings from(Map<String, Object> worker) {
        Map<String, Object> kafka = new HashMap<>();
        Map<String, Object> own = new HashMap<>();
        worker.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.equals("security.protocol") || key.startsWith("ssl.")
                    || key.startsWith("sasl.")) {
                kafka.put(key, value == null ? null : String.valueOf(value));
            } else if (key.startsWith(PREFIX)) {
                own.put(key, value);
            }
        });
        AbstractConfig settings = new AbstractConfig(DEFINITION, own, false);
        return new ExtensionSettings(Map.copyOf(kafka), settings.getString(CONNECT_URL_CONFIG),
                settings.getString(CONNECT_USER_CONFIG), settings.getPassword(CONNECT_PASSWORD_CONFIG).value(),
                settings.getString(STATUS_TOPIC_CONFIG));
    }
}
