package io.cqrsconnect.elasticsearch.readmodel;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.readmodel.LogicalNameSwitch;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The read-model protocol on Elasticsearch: the logical name is an alias, each generation an index
 * ({@code orders__g3}); switching is one {@code _aliases} call that removes the alias from the old generation and
 * adds it to the new one, which Elasticsearch applies atomically, so a search never finds the alias missing or on
 * two indices.
 */
public final class ElasticsearchAliasSwitch implements LogicalNameSwitch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;

    public ElasticsearchAliasSwitch(RestClient client) {
        this.client = client;
    }

    @Override
    public Optional<ReadModelGeneration> current(String logicalName) throws IOException {
        JsonNode indices = getOrNull("/_alias/" + logicalName);
        if (indices == null) {
            return Optional.empty();
        }
        List<ReadModelGeneration> pointed = new ArrayList<>();
        for (Iterator<String> names = indices.fieldNames(); names.hasNext(); ) {
            String index = names.next();
            ReadModelGeneration generation = ReadModelGeneration.parse(index)
                    .filter(g -> g.logicalName().equals(logicalName))
                    .orElseThrow(() -> new IllegalStateException("alias '" + logicalName + "' points at '" + index
                            + "', which is not one of its generations (" + logicalName
                            + ReadModelGeneration.SEPARATOR + "N)"));
            pointed.add(generation);
        }
        if (pointed.size() > 1) {
            throw new IllegalStateException("alias '" + logicalName + "' points at several generations: " + pointed);
        }
        return pointed.stream().findFirst();
    }

    @Override
    public List<ReadModelGeneration> generations(String logicalName) throws IOException {
        JsonNode indices = getOrNull("/" + logicalName + ReadModelGeneration.SEPARATOR + "*/_alias");
        List<ReadModelGeneration> generations = new ArrayList<>();
        if (indices != null) {
            indices.fieldNames().forEachRemaining(index -> ReadModelGeneration.parse(index)
                    .filter(g -> g.logicalName().equals(logicalName))
                    .ifPresent(generations::add));
        }
        generations.sort(Comparator.comparingInt(ReadModelGeneration::generation));
        return generations;
    }

    @Override
    public void pointTo(ReadModelGeneration target) throws IOException {
        List<Map<String, Object>> actions = new ArrayList<>();
        Optional<ReadModelGeneration> current = current(target.logicalName());
        if (current.isPresent() && current.get().equals(target)) {
            return;
        }
        current.ifPresent(old -> actions.add(Map.of("remove",
                Map.of("index", old.physicalName(), "alias", old.logicalName()))));
        actions.add(Map.of("add", Map.of("index", target.physicalName(), "alias", target.logicalName())));
        Request request = new Request("POST", "/_aliases");
        request.setJsonEntity(JSON.writeValueAsString(Map.of("actions", actions)));
        client.performRequest(request);
    }

    @Override
    public void retire(ReadModelGeneration generation) throws IOException {
        Optional<ReadModelGeneration> current = current(generation.logicalName());
        if (current.isPresent() && current.get().equals(generation)) {
            throw new IllegalStateException("generation " + generation + " is the one '" + generation.logicalName()
                    + "' points at; switch to another generation before retiring it");
        }
        client.performRequest(new Request("DELETE", "/" + generation.physicalName()));
    }

    /** Creates a generation's index when it does not exist yet; true when this call created it. */
    public boolean createIfAbsent(ReadModelGeneration generation) throws IOException {
        String index = generation.physicalName();
        if (client.performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200) {
            return false;
        }
        try {
            client.performRequest(new Request("PUT", "/" + index));
            return true;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 400) {
                // resource_already_exists_exception: another task created it in between
                return false;
            }
            throw e;
        }
    }

    /** True when a concrete index (not an alias) has the logical name, which would keep the alias from existing. */
    public boolean isConcreteIndex(String logicalName) throws IOException {
        JsonNode indices = getOrNull("/" + logicalName + "/_alias");
        return indices != null && indices.has(logicalName);
    }

    private JsonNode getOrNull(String path) throws IOException {
        try {
            Response response = client.performRequest(new Request("GET", path));
            try (InputStream body = response.getEntity().getContent()) {
                return JSON.readTree(body);
            }
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
