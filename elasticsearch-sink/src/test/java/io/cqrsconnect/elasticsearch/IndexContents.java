package io.cqrsconnect.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

/** Reads what a test's index really holds, straight from Elasticsearch (refreshed first, so writes are visible). */
final class IndexContents {

    /** One stored document: its source and version. */
    record StoredDocument(ObjectNode source, long version) {
    }

    private final ElasticsearchClient client;

    IndexContents(ElasticsearchClient client) {
        this.client = client;
    }

    /** Every document of the index by id (empty when the index does not exist). */
    Map<String, StoredDocument> all(String index) {
        try {
            if (!client.indices().exists(e -> e.index(index)).value()) {
                return Map.of();
            }
            client.indices().refresh(r -> r.index(index));
            SearchResponse<ObjectNode> response = client.search(s -> s.index(index).size(10_000).version(true)
                    .query(q -> q.matchAll(m -> m)), ObjectNode.class);
            Map<String, StoredDocument> documents = new TreeMap<>();
            for (Hit<ObjectNode> hit : response.hits().hits()) {
                documents.put(hit.id(), new StoredDocument(hit.source(), hit.version()));
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source of one document, or null when there is none (or no index). */
    ObjectNode source(String index, String id) {
        try {
            GetResponse<ObjectNode> response = client.get(g -> g.index(index).id(id), ObjectNode.class);
            return response.found() ? response.source() : null;
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count(String index) {
        return all(index).size();
    }
}
