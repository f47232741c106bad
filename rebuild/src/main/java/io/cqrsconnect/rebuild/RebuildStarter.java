package io.cqrsconnect.rebuild;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a rebuild the one way the REST extension, the CLI and the tests start it: by creating the coordinator
 * connector {@code <connector>-rebuild} through the Connect REST API, after deleting a finished one; never while one
 * runs.
 *
 * <p>The coordinator's config carries a copy of the live connector's config under {@value RebuildConfig#LIVE_PREFIX}
 * as the REST API shows it, config provider placeholders ({@code ${file:...}}) included. The worker resolves those
 * placeholders when it starts the coordinator, which opens the read model's store with them: a coordinator that read
 * the live config through the REST API would get the placeholder, not the password.
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

    /** The name of the coordinator connector of a live connector's rebuild. */
    public static String coordinatorName(String connector) {
        return connector + "-rebuild";
    }

    /**
     * @param liveConfig       the live connector's config as the REST API shows it
     * @param coordinatorClass the coordinator connector of the live connector's sink plugin
     * @param overrides        the rebuild's config changes as a JSON object (checked by the coordinator's config)
     * @param force            rebuild even when retention has deleted early history
     * @param inPlace          clear the model and replay into it, with downtime
     *                         ({@value RebuildConfig#IN_PLACE_CONFIG})
     * @param last             the connector's last rebuild status, if any
     */
    public Outcome start(String connector, Map<String, String> liveConfig, String coordinatorClass, String overrides,
                         boolean force, boolean inPlace, Optional<RebuildStatus> last) {
        String coordinator = coordinatorName(connector);
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
        config.put(RebuildConfig.IN_PLACE_CONFIG, Boolean.toString(inPlace));
        config.put(RebuildConfig.STATUS_TOPIC_CONFIG, statusTopic);
        config.put(RebuildConfig.CONNECT_URL_CONFIG, connectUrl);
        config.put(RebuildConfig.CONNECT_USER_CONFIG, connectUser);
        config.put(RebuildConfig.CONNECT_PASSWORD_CONFIG, connectPassword);
        kafkaClient.forEach((key, value) -> config.put(RebuildConfig.KAFKA_PREFIX + key, String.valueOf(value)));
        liveConfig.forEach((key, value) -> config.put(RebuildConfig.LIVE_PREFIX + key, value));
        if (!api.create(coordinator, config)) {
            return new UnderWay(Optional.empty()); // requested by someone else at the same moment
        }
        return new Started(coordinator, requestedAt);
    }
}
