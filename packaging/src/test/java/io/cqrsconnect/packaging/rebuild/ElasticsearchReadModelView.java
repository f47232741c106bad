package io.cqrsconnect.packaging.rebuild;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An Elasticsearch sink's read model read through its alias over HTTP, as a search client would: a real-time GET of
 * the clock document and a count of what the alias shows.
 */
final class ElasticsearchReadModelView implements ReadModelView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String nodeUrl;
    private final String alias;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ElasticsearchReadModelView(String nodeUrl, String alias) {
        this.nodeUrl = nodeUrl;
        this.alias = alias;
    }

    @Override
    public Observation read() throws IOException, InterruptedException {
        JsonNode clockDocument = request("GET", "/" + alias + "/_doc/0");
        long rows = request("GET", "/" + alias + "/_count").path("count").asLong();
        JsonNode source = clockDocument.path("_source");
        return new Observation(rows, source.path("clock").asLong(-1), source.has("note"));
    }

    @Override
    public Map<Long, Long> clocks() throws IOException, InterruptedException {
        request("POST", "/" + alias + "/_refresh");
        Map<Long, Long> clocks = new HashMap<>();
        for (JsonNode hit : request("GET", "/" + alias + "/_search?size=10000").path("hits").path("hits")) {
            clocks.put(hit.path("_source").path("id").asLong(), hit.path("_source").path("clock").asLong());
        }
        return clocks;
    }

    /** The answer's JSON; a missing alias fails (404), a missing document does not ({@code found: false}). */
    private JsonNode request(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(nodeUrl + path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() >= 300 && !body.has("found")) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return body;
    }

    @Override
    public void close() {
    }
}
