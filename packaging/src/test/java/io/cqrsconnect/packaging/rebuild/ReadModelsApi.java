package io.cqrsconnect.packaging.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.testing.localstack.ConnectRestClient;
import io.cqrsconnect.testing.localstack.ConnectRestClient.Response;

/**
 * The rebuild REST extension's {@code /read-models} on one worker, called as a user's {@code curl} calls it: a JSON
 * body sent as written, the answer's status and JSON taken as they come.
 */
public final class ReadModelsApi {

    private final ConnectRestClient rest;

    public ReadModelsApi(String workerUrl) {
        this.rest = new ConnectRestClient(workerUrl);
    }

    /**
     * {@code POST /read-models/{connector}/rebuild[?force=true]} with {@code body}; asserts it was accepted and
     * returns when it was requested ({@code requested_at}), which tells this rebuild's status from an earlier one's.
     */
    public String rebuild(String connector, String body, boolean force) {
        Response accepted = rest.post("/read-models/" + connector + "/rebuild" + (force ? "?force=true" : ""), body);
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
        return accepted.json().path("requested_at").asText();
    }

    /** {@code GET /read-models/{connector}}: the model, its serving generation and its last rebuild. */
    public JsonNode show(String connector) {
        Response model = rest.get("/read-models/" + connector);
        assertThat(model.status()).as("%s", model).isEqualTo(200);
        return model.json();
    }

    /**
     * Polls {@code GET /read-models/{connector}} until the rebuild requested at {@code requestedAt} has ended (done,
     * cancelled or failed) and returns the model as then shown. An error answer is polled again, as a user would:
     * while the cluster rebalances (a rebuild starts and deletes connectors, a worker dies) a worker cannot list the
     * connectors and answers 500, as Connect's own endpoints that need the herder do.
     */
    public JsonNode awaitEnd(String connector, String requestedAt, Duration atMost) {
        JsonNode[] model = new JsonNode[1];
        await("the rebuild of " + connector + " requested at " + requestedAt + " to end").atMost(atMost)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                    model[0] = show(connector);
                    JsonNode rebuild = model[0].path("rebuild");
                    return requestedAt.equals(rebuild.path("started_at").asText())
                            && rebuild.path("state").asText().matches("DONE|CANCELLED|FAILED");
                });
        return model[0];
    }

    /** The state of the rebuild requested at {@code requestedAt}, or {@code REQUESTED} before it wrote one. */
    public String state(String connector, String requestedAt) {
        JsonNode rebuild = show(connector).path("rebuild");
        return requestedAt.equals(rebuild.path("started_at").asText()) ? rebuild.path("state").asText() : "REQUESTED";
    }
}
