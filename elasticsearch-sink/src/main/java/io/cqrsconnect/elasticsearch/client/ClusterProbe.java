package io.cqrsconnect.elasticsearch.client;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Asks a cluster whether it can be reached with the configured credentials, and which version it runs. Uses
 * {@code /_cluster/health} and {@code /_nodes/_local} rather than {@code GET /}, which minimal distributions do
 * not serve, and reads the answers as plain JSON so that a server newer than the client still answers.
 */
public final class ClusterProbe {

    /** What the probe found. */
    public sealed interface Outcome permits Reachable, Unreachable, Unauthorized {
    }

    /**
     * The cluster answered.
     *
     * @param version the version of the node that answered, or null when the user may not ask for it
     */
    public record Reachable(String version) implements Outcome {
        /** The major version, or -1 when unknown. */
        public int major() {
            if (version == null) {
                return -1;
            }
            try {
                return Integer.parseInt(version.substring(0, version.indexOf('.')));
            } catch (RuntimeException e) {
                return -1;
            }
        }
    }

    /** Nothing answered (or not like Elasticsearch). */
    public record Unreachable(String reason) implements Outcome {
    }

    /** The cluster refused the credentials (401), or refused the user even cluster health (403). */
    public record Unauthorized(int status, String reason) implements Outcome {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterProbe() {
    }

    public static Outcome probe(RestClient client) {
        try {
            client.performRequest(new Request("GET", "/_cluster/health"));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 401 || status == 403) {
                return new Unauthorized(status, e.getResponse().getStatusLine().toString());
            }
            return new Unreachable("GET /_cluster/health answered " + e.getResponse().getStatusLine());
        } catch (IOException | RuntimeException e) {
            return new Unreachable(e.toString());
        }
        return new Reachable(nodeVersion(client));
    }

    private static String nodeVersion(RestClient client) {
        Request request = new Request("GET", "/_nodes/_local");
        request.addParameter("filter_path", "nodes.*.version");
        try {
            Response response = client.performRequest(request);
            try (InputStream body = response.getEntity().getContent()) {
                JsonNode nodes = JSON.readTree(body).path("nodes");
                for (JsonNode node : nodes) {
                    if (node.hasNonNull("version")) {
                        return node.get("version").asText();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a user without the monitor privilege may write but not ask: the version stays unknown
        }
        return null;
    }
}
