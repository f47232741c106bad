package io.cqrsconnect.elasticsearch.bulk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.elasticsearch.config.BulkSettings;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import io.cqrsconnect.elasticsearch.config.VersioningMode;
import io.cqrsconnect.elasticsearch.document.DocumentAction;
import org.apache.kafka.connect.errors.ConnectException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/**
 * The task's bulk pipeline: {@code batch.max.in.flight.requests} lanes, each with its own buffer and its own thread
 * that sends one bulk request at a time. A document always goes through the same lane (chosen by its index and id),
 * so the writes to one document are sent in order even with several requests in flight, and even without versions.
 *
 * <p>A lane's buffer is sent when the lane has no request in flight (after each {@code put}, and when its request
 * finishes), when it holds {@code batch.size} documents or {@code batch.max.bytes}, when its oldest document
 * has waited {@code batch.flush.interval.ms} (a timer checks), or when the task commits; a document
 * that would take the buffer past {@code batch.max.bytes} sends the buffer first, so a document larger than that
 * goes alone. Nothing here blocks the task thread: it asks {@link #saturated()} and pauses its partitions instead.
 * A failure on a lane (retries spent, a refused request) is kept and rethrown to the task by
 * {@link #rethrowFailure()}.
 */
public final class BulkLanes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BulkLanes.class);

    /** Sends one batch; the real one is {@link BulkSender#send}. */
    @FunctionalInterface
    interface BatchWriter {
        void write(List<DocumentAction> batch) throws InterruptedException;
    }

    private final Lane[] lanes;
    private final BatchWriter writer;
    private final int maxActions;
    private final long maxBytes;
    private final long flushIntervalNanos;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Queue<RejectedDocument> rejected;
    private final ScheduledExecutorService timer;
    /** Signalled whenever a lane finishes a request, for {@link #awaitIdle}. */
    private final Lock idleLock = new ReentrantLock();
    private final Condition requestFinished = idleLock.newCondition();

    BulkLanes(int laneCount, int maxActions, long maxBytes, Duration flushInterval, BatchWriter writer,
              Queue<RejectedDocument> rejected, String name) {
        this.writer = writer;
        this.maxActions = maxActions;
        this.maxBytes = maxBytes;
        this.flushIntervalNanos = flushInterval.toNanos();
        this.rejected = rejected;
        this.lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane(name + "-bulk-" + i);
        }
        timer = Executors.newSingleThreadScheduledExecutor(daemon(name + "-bulk-timer"));
        long period = Math.max(10, Math.min(flushInterval.toMillis() / 2, 500));
        timer.scheduleWithFixedDelay(this::submitDue, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The pipeline for a task: the official client, the configured retry policy, versioning and sizes, and the
     * cluster's request size limit (read through {@code restClient}).
     */
    public static BulkLanes create(ElasticsearchSinkConnectorConfig config, ElasticsearchClient client,
                                   RestClient restClient, WriteCounters counters, String name) {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        Queue<RejectedDocument> rejected = new ConcurrentLinkedQueue<>();
        RequestSizeLimit limit = RequestSizeLimit.read(restClient);
        if (limit.known() && limit.bytes() < config.batchMaxBytes()) {
            LOG.warn("{}={} is more than the {} bytes the cluster's nodes accept in one request "
                    + "(http.max_content_length): bulk requests are cut to fit; set {} to at most {} to size them "
                    + "yourself", BulkSettings.BATCH_MAX_BYTES_CONFIG, config.batchMaxBytes(),
                    limit.bytes(), BulkSettings.BATCH_MAX_BYTES_CONFIG, limit.bytes());
        }
        BulkSender sender = new BulkSender(client, json, config.retryPolicy(),
                config.versioningMode() != VersioningMode.NONE, config.ingestPipeline(), limit, counters, rejected,
                Retrier.Sleeper.THREAD, refusal -> refusal.describe(config));
        return new BulkLanes(config.batchMaxInFlight(), config.batchSize(), config.batchMaxBytes(),
                config.batchFlushInterval(), sender::send, rejected, name);
    }

    /** Adds an action to its document's lane; a full buffer is sent at once. */
    public void add(DocumentAction action) {
        int hash = 31 * action.index().hashCode() + action.id().hashCode();
        lanes[Math.floorMod(hash, lanes.length)].add(action);
    }

    /** Sends every buffered action now (at commit time). */
    public void submitAll() {
        for (Lane lane : lanes) {
            lane.submit();
        }
    }

    /**
     * Sends the buffer of every lane that has no request in flight (after each {@code put}): documents wait for a
     * busy lane, never for an idle one. A lane that finishes a request sends what gathered meanwhile, so requests
     * grow with the load (up to {@code batch.size} and {@code batch.max.bytes}) instead of every document
     * waiting for a full buffer: with many tasks each lane fills slowly, and documents held that long fill the
     * worker's heap and its garbage collector's time (benchmarks/reports/elasticsearch-sink-2026-11-25-0849.md).
     */
    public void submitIdle() {
        for (Lane lane : lanes) {
            lane.submitIfIdle();
        }
    }

    /** True when a lane has a request in flight and another waiting: time to pause consuming. */
    public boolean saturated() {
        for (Lane lane : lanes) {
            if (lane.outstanding.get() >= 2) {
                return true;
            }
        }
        return false;
    }

    /** True when no lane has a request waiting behind another: consuming may resume. */
    public boolean hasCapacity() {
        for (Lane lane : lanes) {
            if (lane.outstanding.get() > 1) {
                return false;
            }
        }
        return true;
    }

    /** Bulk requests sent or waiting to be sent. */
    public int outstandingRequests() {
        int total = 0;
        for (Lane lane : lanes) {
            total += lane.outstanding.get();
        }
        return total;
    }

    /** Documents Elasticsearch refused, for the task thread to settle. */
    public Queue<RejectedDocument> rejected() {
        return rejected;
    }

    /** Rethrows the first failure of any lane, on the task thread. */
    public void rethrowFailure() {
        Throwable error = failure.get();
        if (error instanceof ConnectException connect) {
            throw connect;
        }
        if (error != null) {
            throw new ConnectException("writing to Elasticsearch failed: " + error, error);
        }
    }

    /**
     * Waits until every lane has sent what it was given (tests, and a graceful stop).
     *
     * @return false when requests were still outstanding after {@code timeout}
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        idleLock.lock();
        try {
            // a lane counts its request down before it signals, under this lock: no signal is missed in between
            while (outstandingRequests() > 0) {
                if (left <= 0) {
                    return false;
                }
                left = requestFinished.awaitNanos(left);
            }
            return true;
        } finally {
            idleLock.unlock();
        }
    }

    private void requestFinished() {
        idleLock.lock();
        try {
            requestFinished.signalAll();
        } finally {
            idleLock.unlock();
        }
    }

    /** Stops the timer and the lanes: requests in flight get {@code grace} to finish, then they are interrupted. */
    public void close(Duration grace) {
        timer.shutdownNow();
        for (Lane lane : lanes) {
            lane.executor.shutdown();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Lane lane : lanes) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!lane.executor.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                    lane.executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.executor.shutdownNow();
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void submitDue() {
        long now = System.nanoTime();
        for (Lane lane : lanes) {
            lane.submitIfOlderThan(now - flushIntervalNanos);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private final class Lane {
        private final ExecutorService executor;
        private final AtomicInteger outstanding = new AtomicInteger();
        private List<DocumentAction> buffer = new ArrayList<>();
        private long bufferedBytes;
        private long oldestNanos;

        Lane(String name) {
            executor = Executors.newSingleThreadExecutor(daemon(name));
        }

        synchronized void add(DocumentAction action) {
            long bytes = action.estimatedBytes();
            if (!buffer.isEmpty() && bufferedBytes + bytes > maxBytes) {
                // the buffer goes first: a request stays within batch.max.bytes, a larger document goes alone
                submit();
            }
            if (buffer.isEmpty()) {
                oldestNanos = System.nanoTime();
            }
            buffer.add(action);
            bufferedBytes += bytes;
            if (buffer.size() >= maxActions || bufferedBytes >= maxBytes) {
                submit();
            }
        }

        synchronized void submitIfIdle() {
            if (outstanding.get() == 0) {
                submit();
            }
        }

        synchronized void submitIfOlderThan(long thresholdNanos) {
            if (!buffer.isEmpty() && oldestNanos - thresholdNanos <= 0) {
                submit();
            }
        }

        synchronized void submit() {
            if (buffer.isEmpty()) {
                return;
            }
            List<DocumentAction> batch = buffer;
            buffer = new ArrayList<>();
            bufferedBytes = 0;
            outstanding.incrementAndGet();
            try {
                executor.execute(() -> send(batch));
            } catch (RejectedExecutionException stopped) {
                outstanding.decrementAndGet();
                requestFinished();
            }
        }

        private void send(List<DocumentAction> batch) {
            try {
                if (failure.get() == null) {
                    writer.write(batch);
                }
            } catch (InterruptedException e) {
                // the task is stopping: the batch's offsets stay uncommitted and the records come again
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                if (failure.compareAndSet(null, e)) {
                    LOG.error("Writing to Elasticsearch failed; the task will fail at its next put: {}",
                            e.getMessage());
                }
            } finally {
                outstanding.decrementAndGet();
                requestFinished();
            }
            if (failure.get() == null) {
                submitIfIdle(); // what gathered while this request was in flight goes next
            }
        }
    }
}
