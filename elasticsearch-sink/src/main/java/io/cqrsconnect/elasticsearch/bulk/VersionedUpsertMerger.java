package io.cqrsconnect.elasticsearch.bulk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsconnect.elasticsearch.document.DocumentAction;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;

/**
 * Makes partial updates (upserts) externally versioned. Elasticsearch's update API refuses external versions, so a
 * versioned upsert is done here as read, merge, index: the stored documents are fetched in one {@code _mget}, each
 * event's fields are merged into them in event order (objects merge deeply, as the update API would), and the result
 * is indexed with the event's version. An event not newer than the stored document is not merged at all, so it
 * cannot leak old values into a newer document; the index of the merged document is versioned too, so a write that
 * raced in between wins if it is newer.
 */
final class VersionedUpsertMerger {

    /** What is known of one document while merging: its source (null when absent) and version. */
    private record Known(ObjectNode source, long version) {
    }

    private final ElasticsearchClient client;
    private final ObjectMapper json;

    VersionedUpsertMerger(ElasticsearchClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * The writes for a batch (in order), and the actions found to be older than their document (skipped: version
     * conflicts).
     */
    Result prepare(List<DocumentAction> actions) throws IOException {
        Map<DocKey, Known> known = fetch(actions);
        List<PreparedWrite> writes = new ArrayList<>(actions.size());
        List<DocumentAction> stale = new ArrayList<>();
        for (DocumentAction action : actions) {
            DocKey key = new DocKey(action.index(), action.id());
            Known current = known.get(key);
            if (current != null && action.version() <= current.version) {
                stale.add(action);
                continue;
            }
            if (action.kind() == DocumentAction.Kind.UPSERT) {
                ObjectNode merged = current == null || current.source == null ? json.createObjectNode()
                        : current.source.deepCopy();
                merge(merged, (ObjectNode) json.readTree(action.source()));
                known.put(key, new Known(merged, action.version()));
                writes.add(new PreparedWrite(action, json.writeValueAsBytes(merged), false));
            } else {
                known.put(key, new Known(null, action.version()));
                writes.add(new PreparedWrite(action, action.source(), false));
            }
        }
        return new Result(writes, stale);
    }

    record Result(List<PreparedWrite> writes, List<DocumentAction> stale) {
    }

    private Map<DocKey, Known> fetch(List<DocumentAction> actions) throws IOException {
        Map<DocKey, Known> known = new HashMap<>();
        Map<DocKey, String> wanted = new LinkedHashMap<>();
        for (DocumentAction action : actions) {
            if (action.kind() == DocumentAction.Kind.UPSERT) {
                wanted.put(new DocKey(action.index(), action.id()), action.routing() == null ? "" : action.routing());
            }
        }
        if (wanted.isEmpty()) {
            return known;
        }
        List<DocKey> keys = new ArrayList<>(wanted.keySet());
        MgetResponse<ObjectNode> response = client.mget(m -> {
            keys.forEach(key -> m.docs(d -> {
                d.index(key.index()).id(key.id());
                String routing = wanted.get(key);
                return routing.isEmpty() ? d : d.routing(routing);
            }));
            return m;
        }, ObjectNode.class);
        // answers come in request order; matched by position because an alias answers with its backing index
        List<MultiGetResponseItem<ObjectNode>> docs = response.docs();
        for (int i = 0; i < docs.size() && i < keys.size(); i++) {
            MultiGetResponseItem<ObjectNode> item = docs.get(i);
            // a failure here is a missing index: the document does not exist yet
            if (item.isResult() && item.result().found()) {
                known.put(keys.get(i), new Known(item.result().source(),
                        Optional.ofNullable(item.result().version()).orElse(0L)));
            }
        }
        return known;
    }

    /** Merges {@code update} into {@code target}: objects field by field, everything else replaced. */
    static void merge(ObjectNode target, ObjectNode update) {
        for (Map.Entry<String, JsonNode> entry : update.properties()) {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode existingObject && entry.getValue() instanceof ObjectNode updateObject) {
                merge(existingObject, updateObject);
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        }
    }

    private record DocKey(String index, String id) {
    }
}
