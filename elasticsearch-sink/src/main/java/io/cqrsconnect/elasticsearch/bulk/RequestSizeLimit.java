package io.cqrsconnect.elasticsearch.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most bytes the cluster takes in one request body: the smallest {@code http.max_content_length} of its nodes,
 * read once when a task starts. Requests are cut to fit it before they are sent, because a node that gets more
 * answers 413 only while the request is small enough to be sent whole; beyond that it closes the connection
 * mid-request and the client sees a broken pipe, which looks like an outage. When the limit cannot be read (a
 * user without the {@code monitor} privilege), requests are split only when the cluster answers 413.
 */
final class RequestSizeLimit {

    private static final Logger LOG = LoggerFactory.getLogger(RequestSizeLimit.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long UNKNOWN = -1;

    private final long bytes;

    private RequestSizeLimit(long bytes) {
        this.bytes = bytes;
    }

    static RequestSizeLimit of(long bytes) {
        return new RequestSizeLimit(bytes);
    }

    static RequestSizeLimit unknown() {
        return new RequestSizeLimit(UNKNOWN);
    }

    /** The smallest limit of the cluster's nodes (requests may go to any of them), or unknown when unreadable. */
    static RequestSizeLimit read(RestClient client) {
        Request request = new Request("GET", "/_nodes/http");
        request.addParameter("filter_path", "nodes.*.http.max_content_length_in_bytes");
        long smallest = Long.MAX_VALUE;
        try (InputStream body = client.performRequest(request).getEntity().getContent()) {
            for (JsonNode node : JSON.readTree(body).path("nodes")) {
                JsonNode limit = node.path("http").path("max_content_length_in_bytes");
                if (limit.canConvertToLong() && limit.asLong() > 0) {
                    smallest = Math.min(smallest, limit.asLong());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("Could not read the nodes' http.max_content_length ({}); bulk requests are split only when "
                    + "Elasticsearch answers 413", e.toString());
            return unknown();
        }
        return smallest == Long.MAX_VALUE ? unknown() : of(smallest);
    }

    boolean known() {
        return bytes != UNKNOWN;
    }

    /** The limit in bytes; only when {@link #known()}. */
    long bytes() {
        return bytes;
    }

    /**
     * Cuts writes, in their order, into consecutive requests that each fit the limit; a write that alone is over it
     * goes to {@code tooLarge} instead, since no request can carry it. With an unknown limit, one request of all.
     */
    List<List<PreparedWrite>> requests(List<PreparedWrite> writes, int pipelineBytes,
                                       Consumer<PreparedWrite> tooLarge) {
        if (!known()) {
            return List.of(writes);
        }
        List<List<PreparedWrite>> requests = new ArrayList<>();
        List<PreparedWrite> current = new ArrayList<>();
        long currentBytes = 0;
        for (PreparedWrite write : writes) {
            long size = write.bulkBytes(pipelineBytes);
            if (size > bytes) {
                tooLarge.accept(write);
                continue;
            }
            if (currentBytes + size > bytes && !current.isEmpty()) {
                requests.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(write);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return requests;
    }

    @Override
    public String toString() {
        return known() ? bytes + " bytes" : "unknown";
    }
}
