package io.cqrsconnect.benchmarks;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;

/**
 * The benchmark's indices: created alike for every contestant with one explicit mapping, prefilled with the bulk
 * ingester, counted after a refresh.
 */
final class ElasticsearchTarget {

    private final ElasticsearchClient client;

    ElasticsearchTarget(ElasticsearchClient client) {
        this.client = client;
    }

    /** The document of row {@code id} in its {@code version}-th form, as every contestant should write it. */
    static Map<String, Object> document(long id, int version) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", id);
        document.put("customer", BenchmarkRecords.customer(id));
        document.put("amount", BenchmarkRecords.amount(id, version));
        document.put("quantity", BenchmarkRecords.quantity(id));
        document.put("status", BenchmarkRecords.status(id, version));
        document.put("created_at", BenchmarkRecords.createdAtMillis(id));
        document.put("note", BenchmarkRecords.note(id));
        return document;
    }

    /** Deletes and creates {@code index}, then fills it with the workload's prefill documents (version 0). */
    void prepare(String index, Workload workload, long records) throws IOException {
        client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        client.indices().create(c -> c.index(index)
                // gc_deletes 1h: what the sink asks of an index it versions into (validate() refuses less).
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0").refreshInterval(t -> t.time("30s"))
                        .gcDeletes(g -> g.time("1h")))
                .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.False)
                        .properties("id", p -> p.long_(l -> l))
                        .properties("customer", p -> p.keyword(k -> k))
                        // double, not scaled_float: the integ-test distribution lacks the mapper-extras module.
                        .properties("amount", p -> p.double_(d -> d))
                        .properties("quantity", p -> p.integer(i -> i))
                        .properties("status", p -> p.keyword(k -> k))
                        .properties("created_at", p -> p.date(d -> d))
                        .properties("note", p -> p.text(t -> t))));
        long prefill = workload.prefillCount(records);
        if (prefill > 0) {
            try (BulkIngester<Void> ingester = RawElasticsearchCeiling.ingester(client, 2)) {
                for (long id = 0; id < prefill; id++) {
                    long docId = id;
                    ingester.add(op -> op.index(i -> i.index(index).id(Long.toString(docId))
                            .document(document(docId, 0))));
                }
            }
        }
    }

    long count(String index) throws IOException {
        client.indices().refresh(r -> r.index(index));
        return client.count(c -> c.index(index)).count();
    }

    /**
     * Whether {@code index} (or the alias) holds every change: the document of each id in its version, compared on
     * the fields versions differ in. Real-time gets, so no refresh is needed.
     */
    boolean holds(String index, List<Workload.Change> changes) throws IOException {
        for (int from = 0; from < changes.size(); from += 1_000) {
            List<Workload.Change> chunk = changes.subList(from, Math.min(changes.size(), from + 1_000));
            List<String> ids = chunk.stream().map(change -> Long.toString(change.id())).toList();
            MgetResponse<Map> answer = client.mget(m -> m.index(index).ids(ids), Map.class);
            for (int i = 0; i < chunk.size(); i++) {
                Workload.Change change = chunk.get(i);
                MultiGetResponseItem<Map> item = answer.docs().get(i);
                if (item.isFailure() || !item.result().found()) {
                    return false;
                }
                Map<?, ?> document = item.result().source();
                if (!BenchmarkRecords.status(change.id(), change.version()).equals(document.get("status"))
                        || new BigDecimal(String.valueOf(document.get("amount")))
                        .compareTo(BenchmarkRecords.amount(change.id(), change.version())) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    void delete(String index) throws IOException {
        client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
    }
}
