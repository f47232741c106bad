package io.cqrsconnect.elasticsearch.client;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import org.apache.kafka.connect.errors.ConnectException;
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
    public sealed interface Outcome permits Reachable, Unreachable, Unauthorized, TlsRefused {
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

    /**
     * The cluster refused the credentials (401), or refused the user even cluster health (403).
     *
     * @param reason the status line and, when the cluster gave them, its reason and what it says about the
     *               credentials it could not use (e.g. "api key [id] has been invalidated")
     */
    public record Unauthorized(int status, String reason) implements Outcome {
    }

    /** The https handshake failed because this side refused the server's certificate: see {@link TlsRefusal}. */
    public record TlsRefused(TlsRefusal refusal) implements Outcome {
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
                return new Unauthorized(status, e.getResponse().getStatusLine() + securityReason(e.getResponse()));
            }
            return new Unreachable("GET /_cluster/health answered " + e.getResponse().getStatusLine());
        } catch (IOException | RuntimeException e) {
            TlsRefusal refusal = TlsRefusal.of(e);
            return refusal != null ? new TlsRefused(refusal) : new Unreachable(e.toString());
        }
        return new Reachable(nodeVersion(client));
    }

    /**
     * For https URLs, fails with the setting to change when this side refuses the cluster's certificate, which no
     * retry would change. Anything else, an unreachable cluster included, is left to the writes and their retries.
     */
    public static void requireAcceptedCertificate(RestClient client, ElasticsearchSinkConnectorConfig config) {
        if (config.urls().stream().noneMatch(url -> url.trim().regionMatches(true, 0, "https:", 0, 6))) {
            return;
        }
        try {
            client.performRequest(new Request("GET", "/_cluster/health"));
        } catch (IOException | RuntimeException e) {
            TlsRefusal refusal = TlsRefusal.of(e);
            if (refusal != null) {
                throw new ConnectException(refusal.describe(config));
            }
        }
    }

    private static String securityReason(Response response) {
        try (InputStream body = response.getEntity().getContent()) {
            JsonNode error = JSON.readTree(body).path("error");
            StringBuilder reason = new StringBuilder();
            if (error.hasNonNull("reason")) {
                reason.append(": ").append(error.get("reason").asText());
            }
            // says why the credentials that were sent did not do (an invalidated or unknown API key, ...)
            if (error.hasNonNull("additional_unsuccessful_credentials")) {
                reason.append(" (").append(error.get("additional_unsuccessful_credentials").asText()).append(')');
            }
            return reason.toString();
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
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
