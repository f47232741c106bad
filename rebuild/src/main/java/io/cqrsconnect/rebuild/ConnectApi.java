package io.cqrsconnect.rebuild;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.common.retry.RetryPolicy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The Connect REST API calls a rebuild makes: read a connector's config, status and offsets, stop and resume it,
 * change its config and offsets, create and delete the connector that builds the next generation.
 *
 * <p>A rebuild changes the cluster through the REST API (not the worker's internals) because that is the one
 * interface that works from any worker, is forwarded to the leader where it must be, and honours the worker's REST
 * authentication; a REST extension's own view of the cluster is read-only.
 *
 * <p>It may know several workers: a request that cannot reach one goes to the next. A coordinator runs on any
 * worker and is moved when its worker dies, so it must not depend on one worker's REST API staying up.
 */
public final class ConnectApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** About three seconds of asking again: a rebalance lasts moments. */
    private static final RetryPolicy REBALANCE_RETRIES = new RetryPolicy(5, Duration.ofMillis(200),
            Duration.ofSeconds(1));

    private final List<URI> bases;
    private final Optional<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Retrier rebalances = new Retrier(REBALANCE_RETRIES, Rebalancing.class::isInstance);
    /** The index in {@link #bases} of the worker that answered last: the first one tried. */
    private volatile int answering;

    /**
     * @param baseUrls the REST URL of one or more workers, comma-separated, e.g. {@code http://worker:8083}
     * @param user     for the worker's basic authentication; empty when it has none
     * @param password the user's password
     */
    public ConnectApi(String baseUrls, String user, String password) {
        this.bases = Arrays.stream(baseUrls.split(",")).map(String::trim).filter(url -> !url.isEmpty())
                .map(url -> URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url)).toList();
        if (bases.isEmpty()) {
            throw new ConnectException("no Connect REST URL given: set rebuild.connect.url");
        }
        this.authorization = user == null || user.isEmpty() ? Optional.empty()
                : Optional.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /** The connector's config, or empty when there is no such connector. */
    public Optional<Map<String, String>> config(String connector) {
        Reply reply = send("GET", "/connectors/" + connector + "/config", null);
        if (reply.status == 404) {
            return Optional.empty();
        }
        reply.expect(200);
        Map<String, String> config = new LinkedHashMap<>();
        reply.json().fields().forEachRemaining(field -> config.put(field.getKey(), field.getValue().asText()));
        return Optional.of(config);
    }

    /** The connector's state ({@code RUNNING}, {@code PAUSED}, {@code STOPPED}, {@code FAILED}...), or empty. */
    public Optional<ConnectorState> state(String connector) {
        Reply reply = send("GET", "/connectors/" + connector + "/status", null);
        if (reply.status == 404) {
            return Optional.empty();
        }
        reply.expect(200);
        JsonNode body = reply.json();
        List<String> tasks = new ArrayList<>();
        body.path("tasks").forEach(task -> tasks.add(task.path("state").asText()));
        return Optional.of(new ConnectorState(body.path("type").asText(), body.path("connector").path("state")
                .asText(), tasks));
    }

    /** A connector's state and its tasks' states, as the status endpoint reports them. */
    public record ConnectorState(String type, String connector, List<String> tasks) {

        /** Stopped for the offsets API: the connector stopped and no task left. */
        public boolean stopped() {
            return "STOPPED".equals(connector) && tasks.isEmpty();
        }

        public boolean running() {
            return "RUNNING".equals(connector) && !tasks.isEmpty() && tasks.stream().allMatch("RUNNING"::equals);
        }
    }

    /** Creates a connector; false when one of that name exists already. */
    public boolean create(String connector, Map<String, String> config) {
        ObjectNode body = JSON.createObjectNode().put("name", connector);
        body.set("config", JSON.valueToTree(config));
        Reply reply = send("POST", "/connectors", body);
        if (reply.status == 409 && config(connector).isPresent()) {
            return false; // 409 also answers a request during a rebalance: only an existing connector means "exists"
        }
        reply.expect(201);
        return true;
    }

    /** Replaces a connector's config (its running state is kept: a stopped connector stays stopped). */
    public void replaceConfig(String connector, Map<String, String> config) {
        send("PUT", "/connectors/" + connector + "/config", JSON.valueToTree(config)).expect(200, 201);
    }

    /** Deletes a connector; nothing happens when it does not exist. */
    public void delete(String connector) {
        send("DELETE", "/connectors/" + connector, null).expect(204, 404);
    }

    /** Stops a connector: its tasks shut down and commit their offsets; it keeps its config. */
    public void stop(String connector) {
        send("PUT", "/connectors/" + connector + "/stop", null).expect(202, 204);
    }

    /** Resumes a stopped or paused connector. */
    public void resume(String connector) {
        send("PUT", "/connectors/" + connector + "/resume", null).expect(202, 204);
    }

    /** A sink connector's committed offsets: the next offset it reads, per partition it has committed. */
    public Map<TopicPartition, Long> sinkOffsets(String connector) {
        Reply reply = send("GET", "/connectors/" + connector + "/offsets", null);
        reply.expect(200);
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (JsonNode entry : reply.json().path("offsets")) {
            offsets.put(new TopicPartition(entry.path("partition").path("kafka_topic").asText(),
                    entry.path("partition").path("kafka_partition").asInt()),
                    entry.path("offset").path("kafka_offset").asLong());
        }
        return offsets;
    }

    /**
     * One value of a source connector's committed offset for one source partition, as the offsets API shows it (as
     * of the worker's last offset flush); empty when there is none.
     */
    public Optional<String> sourceOffset(String connector, Map<String, String> partition, String key) {
        Reply reply = send("GET", "/connectors/" + connector + "/offsets", null);
        if (reply.status == 404) {
            return Optional.empty();
        }
        reply.expect(200);
        for (JsonNode entry : reply.json().path("offsets")) {
            boolean matches = partition.entrySet().stream()
                    .allMatch(wanted -> wanted.getValue().equals(entry.path("partition").path(wanted.getKey())
                            .asText(null)));
            if (matches && entry.path("offset").hasNonNull(key)) {
                return Optional.of(entry.path("offset").path(key).asText());
            }
        }
        return Optional.empty();
    }

    /** The names of the cluster's connectors. */
    public List<String> connectors() {
        Reply reply = send("GET", "/connectors", null);
        reply.expect(200);
        List<String> names = new ArrayList<>();
        reply.json().forEach(name -> names.add(name.asText()));
        return names;
    }

    /** Sets a stopped sink connector's offsets (the connector's {@code alterOffsets} sees them first). */
    public void alterSinkOffsets(String connector, Map<TopicPartition, Long> offsets) {
        ArrayNode entries = JSON.createArrayNode();
        offsets.forEach((partition, offset) -> {
            ObjectNode entry = entries.addObject();
            entry.putObject("partition").put("kafka_topic", partition.topic())
                    .put("kafka_partition", partition.partition());
            entry.putObject("offset").put("kafka_offset", offset);
        });
        ObjectNode body = JSON.createObjectNode();
        body.set("offsets", entries);
        send("PATCH", "/connectors/" + connector + "/offsets", body).expect(200);
    }

    /**
     * Sends a request; a read the cluster refuses because it is rebalancing (409) is asked again a few times, as a
     * rebalance (a rebuild's own connectors starting, say) lasts moments. Every request a rebuild makes may be sent
     * twice (a lost answer): reads, stop, resume and config and offset changes repeat harmlessly, and
     * {@link #create} takes an existing connector for the answer.
     */
    private Reply send(String method, String path, JsonNode body) {
        if (!method.equals("GET")) {
            return sendOnce(method, path, body);
        }
        try {
            return rebalances.call(method + " " + path, () -> {
                Reply reply = sendOnce(method, path, body);
                if (reply.status == 409) {
                    throw new Rebalancing(reply);
                }
                return reply;
            });
        } catch (Rebalancing stillRebalancing) {
            return stillRebalancing.reply; // the caller decides what a 409 means for it
        }
    }

    /** A read refused with 409 while the cluster rebalances. */
    private static final class Rebalancing extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Reply reply;

        Rebalancing(Reply reply) {
            super(reply.request + " answered 409 (rebalancing)", null, false, false);
            this.reply = reply;
        }
    }

    /**
     * Sends the request to the worker that answered last, else to the next one that answers.
     */
    private Reply sendOnce(String method, String path, JsonNode body) {
        IOException unreachable = null;
        for (int attempt = 0; attempt < bases.size(); attempt++) {
            int index = (answering + attempt) % bases.size();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bases.get(index) + path))
                    .timeout(Duration.ofSeconds(100))
                    .header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString()));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            authorization.ifPresent(value -> request.header("Authorization", value));
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                answering = index;
                return new Reply(method + " " + path, response.statusCode(), response.body());
            } catch (IOException e) {
                unreachable = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted during " + method + " " + path, e);
            }
        }
        throw new RetriableException("The Connect REST API at " + bases + " did not answer " + method + " " + path
                + ": " + unreachable.getMessage() + ". Check rebuild.connect.url.", unreachable);
    }

    private record Reply(String request, int status, String body) {

        void expect(int... accepted) {
            for (int status : accepted) {
                if (this.status == status) {
                    return;
                }
            }
            if (status == 401 || status == 403) {
                throw new ConnectException(request + " was refused (" + status + "): set rebuild.connect.user and "
                        + "rebuild.connect.password to credentials the worker's REST authentication accepts.");
            }
            if (status >= 500 || status == 409) {
                // 409: the cluster is rebalancing; 5xx: the worker could not forward or complete the request
                throw new RetriableException(request + " answered " + status + ": " + body);
            }
            throw new ConnectException(request + " answered " + status + ": " + body);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new ConnectException(request + " answered something that is not JSON: " + body, e);
            }
        }
    }
}
