package io.cqrsconnect.rebuild.request;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.rebuild.ConnectApi;
import io.cqrsconnect.rebuild.RebuildConfig;
import io.cqrsconnect.rebuild.RebuildStatus;

/**
 * Starts a rebuild the one way both the REST extension and the CLI start it: by creating the coordinator connector
 * {@code <connector>-rebuild} through the Connect REST API, after deleting a finished one; never while one runs.
 *
 * @param api          the Connect REST API
 * @param connectUrl   the REST URLs the coordinator will use (comma-separated; it tries the next when one fails)
 * @param connectUser  the coordinator's REST user, empty for none
 * @param connectPassword that user's password
 * @param statusTopic  the rebuild status topic
 * @param kafkaClient  the coordinator's Kafka client settings (at least bootstrap.servers)
 */
public record RebuildStarter(ConnectApi api, String connectUrl, String connectUser, String connectPassword,
                             String statusTopic, Map<String, ?> kafkaClient) {

    /** What a start request came to. */
    public sealed interface Outcome {
    }

    /** The coordinator was created; its status will carry {@code requestedAt} as {@code started_at}. */
    public record Started(String coordinator, String requestedAt) implements Outcome {
    }

    /** A rebuild of this connector is under way (its last status, empty before it wrote one). */
    public record UnderWay(Optional<RebuildStatus> status) implements Outcome {
    }

    /**
     * @param coordinatorClass the sink plugin's coordinator ({@link CoordinatorClasses})
     * @param overrides        the rebuild's config changes as a JSON object (checked by the coordinator's config)
     * @param last             the connector's last rebuild status, if any
     */
    public Outcome start(String connector, String coordinatorClass, String overrides, boolean force,
                         Optional<RebuildStatus> last) {
        String coordinator = CoordinatorClasses.coordinatorName(connector);
        if (api.config(coordinator).isPresent()) {
            if (last.isEmpty() || !last.get().state().terminal() || !last.get().startedAt()
                    .equals(api.config(coordinator).get().get(RebuildConfig.REQUESTED_AT_CONFIG))) {
                return new UnderWay(last);
            }
            api.delete(coordinator); // the finished one; its status stays in the topic until this one replaces it
        }
        String requestedAt = Instant.now().toString();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", coordinatorClass);
        config.put("tasks.max", "1");
        config.putAll(RebuildConfig.CONVERTERS);
        config.put(RebuildConfig.CONNECTOR_CONFIG, connector);
        config.put(RebuildConfig.REQUESTED_AT_CONFIG, requestedAt);
        config.put(RebuildConfig.OVERRIDES_CONFIG, overrides);
        config.put(RebuildConfig.FORCE_CONFIG, Boolean.toString(force));
        config.put(RebuildConfig.STATUS_TOPIC_CONFIG, statusTopic);
        config.put(RebuildConfig.CONNECT_URL_CONFIG, connectUrl);
        config.put(RebuildConfig.CONNECT_USER_CONFIG, connectUser);
        config.put(RebuildConfig.CONNECT_PASSWORD_CONFIG, connectPassword);
        kafkaClient.forEach((key, value) -> config.put(RebuildConfig.KAFKA_PREFIX + key, String.valueOf(value)));
        if (!api.create(coordinator, config)) {
            return new UnderWay(Optional.empty()); // requested by someone else at the same moment
        }
        return new Started(coordinator, requestedAt);
    }
}
