package io.cqrsconnect.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;

/**
 * The raw ceiling for Elasticsearch: the official client's {@link BulkIngester} writing the same documents straight
 * into the same node, 5,000 operations or 5 MB per bulk, with as many bulks in flight as the connector has tasks
 * (at least two). No Kafka, no JSON conversion of records.
 *
 * <p>Each bulk in flight belongs to its own ingester that owns a share of the ids, the way Kafka partitions own
 * keys: two concurrent bulks of one ingester may apply in either order, which would let a delete overtake the
 * update before it.
 */
final class RawElasticsearchCeiling {

    private final ElasticsearchClient client;

    RawElasticsearchCeiling(ElasticsearchClient client) {
        this.client = client;
    }

    static BulkIngester<Void> ingester(ElasticsearchClient client, int inFlight) {
        return BulkIngester.of(b -> b.client(client)
                .maxOperations(5_000)
                .maxSize(5L * 1024 * 1024)
                .maxConcurrentRequests(inFlight)
                .flushInterval(1, TimeUnit.SECONDS));
    }

    Duration write(String index, Workload workload, long records, int tasks) {
        int lanes = Math.max(2, tasks);
        List<BulkIngester<Void>> ingesters = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int lane = 0; lane < lanes; lane++) {
                ingesters.add(ingester(client, 1));
            }
            for (long i = 0; i < records; i++) {
                Workload.Change change = workload.change(i, records);
                String id = Long.toString(change.id());
                BulkIngester<Void> ingester = ingesters.get((int) Math.floorMod(change.id(), (long) lanes));
                if (change.isDelete()) {
                    ingester.add(op -> op.delete(d -> d.index(index).id(id)));
                } else if (workload == Workload.UPSERT_EXISTING) {
                    var document = ElasticsearchTarget.document(change.id(), change.version());
                    ingester.add(op -> op.update(u -> u.index(index).id(id)
                            .action(a -> a.doc(document).docAsUpsert(true))));
                } else {
                    var document = ElasticsearchTarget.document(change.id(), change.version());
                    ingester.add(op -> op.index(x -> x.index(index).id(id).document(document)));
                }
            }
        } finally {
            ingesters.forEach(BulkIngester::close);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
