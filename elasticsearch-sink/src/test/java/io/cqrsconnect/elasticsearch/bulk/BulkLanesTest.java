package io.cqrsconnect.elasticsearch.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import io.cqrsconnect.common.record.RecordCoordinates;
import io.cqrsconnect.elasticsearch.document.DocumentAction;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BulkLanesTest {

    private final List<List<DocumentAction>> sent = Collections.synchronizedList(new ArrayList<>());
    private BulkLanes lanes;

    @AfterEach
    void close() {
        if (lanes != null) {
            lanes.close(Duration.ofSeconds(5));
        }
    }

    private static DocumentAction action(String id, long offset) {
        return new DocumentAction(DocumentAction.Kind.INDEX, "orders", id, offset, null, new byte[10],
                new RecordCoordinates("orders", 0, offset), null, null);
    }

    private BulkLanes lanes(int count, int maxActions, Duration interval, BulkLanes.BatchWriter writer) {
        lanes = new BulkLanes(count, maxActions, 1 << 20, interval, writer, new ConcurrentLinkedQueue<>(), "test");
        return lanes;
    }

    @Test
    void aFullBufferIsSentAtOnceAndWhatGathersMeanwhileWhenTheRequestFinishes() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        lanes(1, 3, Duration.ofHours(1), batch -> {
            sent.add(batch);
            release.await(); // the first request is in flight until the test lets it finish
        });

        for (int i = 0; i < 4; i++) {
            lanes.add(action("doc-" + i, i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        lanes.submitIdle(); // the lane is busy: doc-3 waits for it
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).extracting(DocumentAction::id).containsExactly("doc-0", "doc-1", "doc-2");

        release.countDown();
        assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 2 && lanes.outstandingRequests() == 0);
        assertThat(sent.get(1)).extracting(DocumentAction::id).containsExactly("doc-3");
    }

    @Test
    void anIdleLaneSendsWhatItHoldsWhenAskedAndTheRestOnlyAtCommit() throws Exception {
        lanes(1, 1000, Duration.ofHours(1), sent::add);

        lanes.add(action("doc-0", 0));
        lanes.add(action("doc-1", 1));
        lanes.submitIdle();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1 && lanes.outstandingRequests() == 0);
        assertThat(sent.get(0)).extracting(DocumentAction::id).containsExactly("doc-0", "doc-1");

        lanes.add(action("doc-2", 2));
        lanes.submitAll();
        assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).extracting(DocumentAction::id).containsExactly("doc-2");
    }

    @Test
    void aDocumentLargerThanTheByteBudgetIsSentAloneAfterTheBufferBeforeIt() throws Exception {
        lanes = new BulkLanes(1, 1000, 1024, Duration.ofHours(1), sent::add, new ConcurrentLinkedQueue<>(), "test");

        lanes.add(action("small-1", 1));
        lanes.add(action("small-2", 2));
        lanes.add(new DocumentAction(DocumentAction.Kind.INDEX, "orders", "large", 3L, null, new byte[4096],
                new RecordCoordinates("orders", 0, 3), null, null));
        lanes.add(action("small-3", 4));
        lanes.submitAll();

        assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(sent).extracting(batch -> batch.stream().map(DocumentAction::id).toList())
                .containsExactly(List.of("small-1", "small-2"), List.of("large"), List.of("small-3"));
    }

    @Test
    void aPartialBufferIsSentAfterTheFlushInterval() {
        lanes(2, 1000, Duration.ofMillis(50), sent::add);

        lanes.add(action("lonely", 1));

        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        assertThat(sent.get(0)).extracting(DocumentAction::id).containsExactly("lonely");
    }

    @Test
    void writesToOneDocumentStayInOrderAcrossLanes() throws Exception {
        lanes(4, 2, Duration.ofHours(1), sent::add);

        for (int offset = 0; offset < 200; offset++) {
            lanes.add(action("doc-" + (offset % 10), offset));
        }
        lanes.submitAll();
        assertThat(lanes.awaitIdle(Duration.ofSeconds(10))).isTrue();

        List<DocumentAction> all;
        synchronized (sent) {
            all = sent.stream().flatMap(List::stream).toList();
        }
        assertThat(all).hasSize(200);
        for (int doc = 0; doc < 10; doc++) {
            String id = "doc-" + doc;
            List<Long> versions = all.stream().filter(a -> a.id().equals(id)).map(DocumentAction::version).toList();
            assertThat(versions).as("versions of %s in send order", id).isSorted();
        }
    }

    @Test
    void aBusyLaneReportsSaturationUntilItDrains() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        lanes(1, 1, Duration.ofHours(1), batch -> {
            release.await();
            sent.add(batch);
        });

        lanes.add(action("a", 1));
        assertThat(lanes.saturated()).isFalse();
        lanes.add(action("b", 2));
        assertThat(lanes.saturated()).isTrue();
        assertThat(lanes.hasCapacity()).isFalse();

        release.countDown();
        assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(lanes.saturated()).isFalse();
        assertThat(lanes.hasCapacity()).isTrue();
        assertThat(sent).hasSize(2);
    }

    @Test
    void awaitIdleGivesUpAtItsTimeoutAnswersAnInterruptAndReturnsWhenTheLaneFinishes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        lanes(1, 1, Duration.ofHours(1), batch -> {
            release.await();
            sent.add(batch);
        });
        lanes.add(action("a", 1));

        long started = System.nanoTime();
        assertThat(lanes.awaitIdle(Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> lanes.awaitIdle(Duration.ofSeconds(5))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("the interrupt was consumed by the exception").isFalse();

        release.countDown();
        assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(sent).hasSize(1);
        assertThat(lanes.outstandingRequests()).isZero();
    }

    @Test
    void aLaneFailureIsRethrownOnTheTaskThreadAndStopsFurtherSends() throws Exception {
        lanes(1, 1, Duration.ofHours(1), batch -> {
            sent.add(batch);
            throw new ConnectException("retries spent");
        });

        lanes.add(action("a", 1));
        assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThatThrownBy(lanes::rethrowFailure).isInstanceOf(ConnectException.class)
                .hasMessageContaining("retries spent");

        lanes.add(action("b", 2));
        assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(sent).hasSize(1);
    }
}
