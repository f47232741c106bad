package io.cqrsconnect.testing.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A minimal client of the Kafka Connect REST API: JSON in, status and body out, nothing interpreted.
 *
 * <p>Tests drive the worker only through this API, as an operator would; that keeps them honest about what the REST
 * API accepts and answers (status codes included), which a Java-level client of the worker's internals would hide.
 * Bodies are Strings (sent as they are) or anything Jackson can serialize, e.g. a {@code Map<String, String>} config.
 */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final Duration requestTimeout;
    private final HttpClient http;

    /**
     * @param requestTimeout per request; the worker itself gives up on a forwarded request after 90 s, so a longer
     *                       value only makes sense when creating or changing connectors on a busy cluster
     */
    public ConnectRestClient(String baseUrl, Duration requestTimeout) {
        this.baseUri = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public ConnectRestClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(100));
    }

    public String baseUrl() {
        return baseUri.toString();
    }

    /** @param path e.g. {@code /connectors?expand=status} */
    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public Response put(String path, Object body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUri + (path.startsWith("/") ? path : "/" + path)))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
    }

    private Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(request.method(), request.uri(), response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private static String toJson(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize the request body " + body, e);
        }
    }

    /** What the worker answered. {@link #toString()} is meant for assertion messages. */
    public record Response(String method, URI uri, int status, String body) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** The body parsed as JSON (an empty body is a missing node). */
        public JsonNode json() {
            if (body == null || body.isBlank()) {
                return JSON.missingNode();
            }
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return method + " " + uri + " -> " + status + " " + body;
        }
    }
}
