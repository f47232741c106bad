package io.cqrsconnect.rebuild.extension;

import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.rebuild.RebuildConfig;

/**
 * What the extension takes from the worker's config: how to reach Kafka (the status topic, and the same settings
 * for the coordinators it creates) and, when set, how coordinators reach the REST API.
 *
 * @param kafkaClient  {@code bootstrap.servers} and the worker's client security settings
 * @param connectUrl   {@code cqrs.rebuild.connect.url}; empty: the URL the request came in on
 * @param connectUser  {@code cqrs.rebuild.connect.user}, for a worker whose REST API needs basic authentication
 * @param connectPassword {@code cqrs.rebuild.connect.password}
 * @param statusTopic  {@code cqrs.rebuild.status.topic}
 */
record ExtensionSettings(Map<String, Object> kafkaClient, String connectUrl, String connectUser,
                         String connectPassword, String statusTopic) {

    static final String PREFIX = "cqrs.rebuild.";

    static ExtensionSettings from(Map<String, Object> worker) {
        Map<String, Object> kafka = new HashMap<>();
        worker.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.equals("security.protocol") || key.startsWith("ssl.")
                    || key.startsWith("sasl.")) {
                kafka.put(key, value == null ? null : String.valueOf(value));
            }
        });
        return new ExtensionSettings(Map.copyOf(kafka), text(worker, "connect.url"), text(worker, "connect.user"),
                text(worker, "connect.password"), worker.getOrDefault(PREFIX + "status.topic",
                RebuildConfig.DEFAULT_STATUS_TOPIC).toString());
    }

    private static String text(Map<String, Object> worker, String key) {
        Object value = worker.get(PREFIX + key);
        return value == null ? "" : value.toString();
    }
}
