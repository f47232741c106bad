package io.cqrsconnect.elasticsearch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.common.offsets.OffsetTracker;
import io.cqrsconnect.common.record.RecordCoordinates;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.elasticsearch.SmallRequestNode;
import io.cqrsconnect.elasticsearch.client.TlsRefusal;
import io.cqrsconnect.elasticsearch.document.DocumentAction;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.rest_client.RestClientTransport;

/**
 * The sender against a real node that accepts at most 64 KiB per request: requests cut to fit the limit it reads,
 * requests the node answers 413 sent again in halves when the limit is not known, and in both cases the one
 * document no request can carry rejected with its size while the rest of the batch is written.
 */
class BulkSenderRequestSizeIT {

    private static final int LIMIT = SmallRequestNode.MAX_CONTENT_LENGTH;

    @RegisterExtension
    static final ElasticsearchNode ES = SmallRequestNode.NODE;

    private final Queue<RejectedDocument> rejected = new ConcurrentLinkedQueue<>();
    private final OffsetTracker offsets = new OffsetTracker();
    private final WriteCounters counters = new WriteCounters(TaskMetrics.standalone());

    private BulkSender sender(RequestSizeLimit limit) {
        // a node closing the connection mid-request (a broken pipe) is retried like an outage: room for that
        return new BulkSender(ES.client(), new ObjectMapper(), new RetryPolicy(10, Duration.ofMillis(10),
                Duration.ofMillis(200)), true, null, limit, counters, rejected,
                // the production backoff: a node that closed a connection needs it; plain http refuses no certificate
                Retrier.Sleeper.THREAD, TlsRefusal::detail);
    }

    private DocumentAction document(String index, int number, int padding) {
        String json = "{\"number\":" + number + ",\"padding\":\"" + "x".repeat(padding) + "\"}";
        OffsetTracker.Ticket ticket = offsets.track(new TopicPartition(index, 0), number);
        return new DocumentAction(DocumentAction.Kind.INDEX, index, "doc-" + number, (long) number + 1, null,
                json.getBytes(StandardCharsets.UTF_8), new RecordCoordinates(index, 0, number), null, ticket);
    }

    @Test
    void theNodesLimitIsReadAndRequestsAreCutToFitItWithoutTheNodeRefusingAny() throws Exception {
        RequestSizeLimit limit = RequestSizeLimit.read(((RestClientTransport) ES.client()._transport()).restClient());
        assertThat(limit.known()).isTrue();
        assertThat(limit.bytes()).isEqualTo(LIMIT);
        String index = "cut-to-fit";
        List<DocumentAction> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // a document four times over the limit: sent, the node would close the connection mid-request
            batch.add(document(index, i, i == 30 ? 4 * LIMIT : 4_000));
        }

        sender(limit).send(batch);

        assertWrittenExceptDocument30(index, batch);
        assertThat(rejected).singleElement().satisfies(document -> {
            assertThat(document.action().id()).isEqualTo("doc-30");
            assertThat(document.reason()).contains(LIMIT + " bytes", "http.max_content_length", "not sent");
        });
        // 60 x 4 KB in requests of at most 64 KiB: at least four, none refused, none retried
        assertThat(counters.bulkRequestCount()).isGreaterThanOrEqualTo(4);
        assertThat(counters.retryCount()).isZero();
    }

    @Test
    void withoutKnowingTheLimitARefusedRequestIsSentAgainInHalvesDownToTheOneDocumentTooLarge() throws Exception {
        String index = "halved";
        List<DocumentAction> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // a little over the limit alone, so the node reads it and answers 413
            batch.add(document(index, i, i == 30 ? LIMIT + 4_000 : 4_000));
        }

        sender(RequestSizeLimit.unknown()).send(batch);

        assertWrittenExceptDocument30(index, batch);
        assertThat(rejected).singleElement().satisfies(document -> {
            assertThat(document.action().id()).isEqualTo("doc-30");
            assertThat(document.status()).isEqualTo(413);
            assertThat(document.asBadRecord().getMessage()).contains("413", "http.max_content_length",
                    "batch.max.bytes", "topic 'halved' partition 0 offset 30", "behavior.on.malformed.documents");
        });
        // the whole batch, its halves, and so on down to the single document: more requests than a fitting cut
        assertThat(counters.bulkRequestCount()).isGreaterThan(4);
    }

    private void assertWrittenExceptDocument30(String index, List<DocumentAction> batch) throws Exception {
        ES.client().indices().refresh(r -> r.index(index));
        Map<String, ObjectNode> stored = new TreeMap<>();
        for (Hit<ObjectNode> hit : ES.client().search(s -> s.index(index).size(1000), ObjectNode.class).hits()
                .hits()) {
            stored.put(hit.id(), hit.source());
        }
        assertThat(stored).hasSize(batch.size() - 1).doesNotContainKey("doc-30");
        for (DocumentAction action : batch) {
            if (!action.id().equals("doc-30")) {
                int number = Integer.parseInt(action.id().substring("doc-".length()));
                assertThat(stored.get(action.id()).get("number").asInt()).isEqualTo(number);
                assertThat(stored.get(action.id()).get("padding").asText()).hasSize(4_000);
            }
        }
        // every written document is acknowledged; the rejected one is settled by the task (dead-letter queue or
        // failure), not here, so it holds back the offsets after it until then
        TopicPartition partition = new TopicPartition(index, 0);
        assertThat(offsets.committableOffsets()).containsEntry(partition, new OffsetAndMetadata(30));
        batch.get(30).ticket().acknowledge();
        assertThat(offsets.committableOffsets()).containsEntry(partition, new OffsetAndMetadata(batch.size()));
    }
}
