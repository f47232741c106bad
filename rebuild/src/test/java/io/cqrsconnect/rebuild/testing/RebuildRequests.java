package io.cqrsconnect.rebuild.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.rebuild.ConnectApi;
import io.cqrsconnect.rebuild.RebuildConfig;
import io.cqrsconnect.rebuild.RebuildStarter;
import io.cqrsconnect.rebuild.RebuildStatus;
import io.cqrsconnect.rebuild.StatusLog;

/**
 * Rebuilds requested and followed as the REST extension and the CLI do it ({@link RebuildStarter}, the status
 * topic), for the sinks' tests against a Connect cluster.
 *
 * @param connectUrl       the cluster's REST API
 * @param bootstrapServers its Kafka cluster
 * @param coordinatorClass the coordinator connector of the sink under test
 */
public record RebuildRequests(String connectUrl, String bootstrapServers, String coordinatorClass) {

    /** Requests a rebuild of the connector {@code live}, with {@code overrides} as its config changes. */
    public void start(String live, String overrides, boolean inPlace) {
        ConnectApi api = new ConnectApi(connectUrl, "", "");
        Map<String, String> liveConfig = api.config(live).orElseThrow(() -> new IllegalStateException(
                "there is no connector '" + live + "' to rebuild"));
        new RebuildStarter(api, connectUrl, "", "", RebuildConfig.DEFAULT_STATUS_TOPIC,
                Map.of("bootstrap.servers", bootstrapServers))
                .start(live, liveConfig, coordinatorClass, overrides, false, inPlace, Optional.empty());
    }

    /** Waits until the rebuild of {@code live} has ended (done, cancelled or failed); its last status. */
    public RebuildStatus awaitEnd(String live, Duration within) {
        StatusLog statuses = new StatusLog(RebuildConfig.DEFAULT_STATUS_TOPIC,
                Map.of("bootstrap.servers", bootstrapServers));
        await("the rebuild of " + live).atMost(within)
                .until(() -> statuses.read(live).map(status -> status.state().terminal()).orElse(false));
        return statuses.read(live).orElseThrow();
    }

    /** {@link #start} and {@link #awaitEnd}. */
    public RebuildStatus rebuild(String live, String overrides, boolean inPlace, Duration within) {
        start(live, overrides, inPlace);
        return awaitEnd(live, within);
    }
}
