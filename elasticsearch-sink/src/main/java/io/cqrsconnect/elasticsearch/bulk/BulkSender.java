package io.cqrsconnect.elasticsearch.bulk;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Function;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsconnect.common.config.RetrySettings;
import io.cqrsconnect.common.retry.Retrier.Sleeper;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.elasticsearch.client.TlsRefusal;
import io.cqrsconnect.elasticsearch.client.TransientFailure;
import io.cqrsconnect.elasticsearch.config.BulkSettings;
import io.cqrsconnect.elasticsearch.config.ConnectionSettings;
import io.cqrsconnect.elasticsearch.document.DocumentAction;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.util.BinaryData;

/**
 * Writes one batch of actions with the bulk API and settles every action: acknowledged when Elasticsearch applied
 * it or kept a newer version (a version conflict, counted), handed to the task as a {@link RejectedDocument} when
 * Elasticsearch refused it on its merits, and sent again when it failed transiently (429, 5xx: only those items;
 * or the whole request when the cluster could not be reached), with backoff and jitter, up to the retry budget.
 * Requests are cut to fit the cluster's request size limit before they are sent; a request Elasticsearch still
 * answers 413 (Request Entity Too Large) is sent again in halves, down to single documents; a document too large
 * to go alone is rejected like a malformed one, and the rest of its batch is written.
 * A server certificate this side refuses (no trusted CA signed it, it expired, it does not name the host) fails at
 * once, naming the TLS settings: every retry would meet the same certificate.
 * Runs on a lane's thread; one sender per task.
 */
final class BulkSender {

    private static final Logger LOG = LoggerFactory.getLogger(BulkSender.class);
    private static final String JSON = "application/json";
    /** A handshake cut short (a reset, a proxy in between) is retried; if it never succeeds, this is where to look. */
    private static final String HANDSHAKE_HINT = " The TLS handshake with the cluster failed: check that '"
            + ConnectionSettings.CONNECTION_URL_CONFIG + "' points at the cluster's https port and that '"
            + ConnectionSettings.TLS_TRUSTSTORE_PATH_CONFIG + "' (or '" + ConnectionSettings.TLS_CA_PEM_PATH_CONFIG
            + "') and '" + ConnectionSettings.TLS_HOSTNAME_VERIFICATION_CONFIG + "' fit its certificate.";

    private final ElasticsearchClient client;
    private final ObjectMapper json;
    private final RetryPolicy retryPolicy;
    private final boolean versioned;
    private final VersionedUpsertMerger merger;
    private final WriteCounters counters;
    private final Queue<RejectedDocument> rejected;
    private final Sleeper sleeper;
    /** The ingest pipeline of index operations, or null. */
    private final String pipeline;
    private final int pipelineBytes;
    private final RequestSizeLimit limit;
    /** What to tell the user about a refused certificate: {@link TlsRefusal#describe} with the task's config. */
    private final Function<TlsRefusal, String> tlsAdvice;

    BulkSender(ElasticsearchClient client, ObjectMapper json, RetryPolicy retryPolicy, boolean versioned,
               String pipeline, RequestSizeLimit limit, WriteCounters counters, Queue<RejectedDocument> rejected,
               Sleeper sleeper, Function<TlsRefusal, String> tlsAdvice) {
        this.tlsAdvice = tlsAdvice;
        this.pipeline = pipeline == null || pipeline.isEmpty() ? null : pipeline;
        this.pipelineBytes = PreparedWrite.utf8Length(this.pipeline);
        this.limit = limit;
        this.client = client;
        this.json = json;
        this.retryPolicy = retryPolicy;
        this.versioned = versioned;
        this.merger = new VersionedUpsertMerger(client, json);
        this.counters = counters;
        this.rejected = rejected;
        this.sleeper = sleeper;
    }

    /**
     * Settles every action of the batch, or throws.
     *
     * @throws ConnectException when the retries are spent or Elasticsearch refuses the request as a whole
     * @throws InterruptedException when the task stops while waiting to retry
     */
    void send(List<DocumentAction> actions) throws InterruptedException {
        List<PreparedWrite> prepared = prepare(actions, 0);
        for (List<PreparedWrite> request : limit.requests(prepared, pipelineBytes, write -> reject(
                RejectedDocument.tooLarge(write.action(), write.bulkBytes(pipelineBytes), limit.bytes())))) {
            sendWithRetries(request);
        }
    }

    private void sendWithRetries(List<PreparedWrite> writes) throws InterruptedException {
        List<PreparedWrite> pending = writes;
        for (int retry = 1; !pending.isEmpty(); retry++) {
            List<PreparedWrite> failed = new ArrayList<>();
            String lastReason;
            boolean connectionLost = false;
            boolean handshakeFailed = false;
            try {
                BulkResponse response = execute(pending);
                lastReason = settle(pending, response, failed);
            } catch (IOException | ElasticsearchException e) {
                if (TransientFailure.statusOf(e) == RejectedDocument.TOO_LARGE) {
                    sendInHalves(pending);
                    return;
                }
                if (!TransientFailure.test(e)) {
                    throwIfTlsRefusal(e, documents(pending.size()) + " (first " + pending.get(0).action().coordinates()
                            + ")");
                    throw new ConnectException("Elasticsearch refused a bulk request of " + documents(pending.size())
                            + ", first " + pending.get(0).action().coordinates() + ": " + e.getMessage(), e);
                }
                failed = pending;
                lastReason = e.toString();
                connectionLost = TransientFailure.statusOf(e) < 0;
                handshakeFailed = hasCause(e, SSLException.class);
            }
            if (failed.isEmpty()) {
                return;
            }
            if (retry > retryPolicy.maxRetries()) {
                throw new ConnectException(documents(failed.size()) + " still failed after "
                        + retryPolicy.maxRetries() + " retries (first: " + failed.get(0).action().coordinates()
                        + "): " + lastReason + ". Their offsets are not committed; the task can be restarted. "
                        + "Config '" + RetrySettings.MAX_RETRIES_CONFIG + "' and '"
                        + RetrySettings.RETRY_BACKOFF_MAX_MS_CONFIG + "' set the patience."
                        + (handshakeFailed ? HANDSHAKE_HINT : connectionLost ? connectionLostHint(failed) : ""));
            }
            Duration wait = retryPolicy.backoff(retry);
            LOG.warn("{} of {} documents failed transiently ({}); retry {} of {} in {} ms", failed.size(),
                    pending.size(), lastReason, retry, retryPolicy.maxRetries(), wait.toMillis());
            counters.retried(failed.size());
            sleeper.sleep(wait);
            // a versioned upsert is merged again: the stored document may have changed in between
            pending = failed.stream().anyMatch(write -> write.action().kind() == DocumentAction.Kind.UPSERT)
                    && versioned ? prepare(failed.stream().map(PreparedWrite::action).toList(), retry) : failed;
        }
    }

    /**
     * Elasticsearch refused the request for its size: each half is sent on its own (and halved again if need be),
     * in order, so writes to one document keep their order; a single document is rejected.
     */
    private void sendInHalves(List<PreparedWrite> pending) throws InterruptedException {
        long bytes = pending.stream().mapToLong(write -> write.bulkBytes(pipelineBytes)).sum();
        if (pending.size() == 1) {
            reject(RejectedDocument.refusedAsTooLarge(pending.get(0).action(), bytes,
                    limit.known() ? limit.bytes() : -1));
            return;
        }
        int half = pending.size() / 2;
        LOG.info("Elasticsearch answered 413 Request Entity Too Large to a bulk request of {} documents (about {} "
                + "bytes; request limit {}): sending it in two halves", pending.size(), bytes, limit);
        sendWithRetries(List.copyOf(pending.subList(0, half)));
        sendWithRetries(List.copyOf(pending.subList(half, pending.size())));
    }

    private void reject(RejectedDocument document) {
        counters.rejected();
        rejected.add(document);
    }

    /** A refused certificate fails the task with the TLS settings to check, naming what was not written or read. */
    private void throwIfTlsRefusal(Exception e, String what) {
        TlsRefusal.throwIfRefused(e, tlsAdvice, what + " were not written; their offsets are not committed");
    }

    private String connectionLostHint(List<PreparedWrite> failed) {
        long bytes = failed.stream().mapToLong(write -> write.bulkBytes(pipelineBytes)).sum();
        return " If the cluster answers other requests, the connection may have been closed because the request "
                + "(about " + bytes + " bytes) was over a limit (a node's http.max_content_length when the sink "
                + "could not read it, a proxy's body limit): lower '"
                + BulkSettings.BATCH_MAX_BYTES_CONFIG + "'.";
    }

    private List<PreparedWrite> prepare(List<DocumentAction> actions, int retry) throws InterruptedException {
        boolean hasUpsert = actions.stream().anyMatch(action -> action.kind() == DocumentAction.Kind.UPSERT);
        if (!versioned || !hasUpsert) {
            List<PreparedWrite> writes = new ArrayList<>(actions.size());
            for (DocumentAction action : actions) {
                writes.add(new PreparedWrite(action, action.source(), action.kind() == DocumentAction.Kind.UPSERT));
            }
            return writes;
        }
        for (int attempt = retry + 1; ; attempt++) {
            try {
                VersionedUpsertMerger.Result result = merger.prepare(actions);
                for (DocumentAction stale : result.stale()) {
                    counters.versionConflict();
                    stale.ticket().acknowledge();
                }
                logConflicts(result.stale().size(), "upserts older than their documents were skipped");
                return result.writes();
            } catch (IOException | ElasticsearchException e) {
                if (!TransientFailure.test(e)) {
                    throwIfTlsRefusal(e, "the stored documents to merge upserts into (first "
                            + actions.get(0).coordinates() + ")");
                }
                if (!TransientFailure.test(e) || attempt > retryPolicy.maxRetries()) {
                    throw new ConnectException("could not read the stored documents to merge upserts into (first "
                            + actions.get(0).coordinates() + "): " + e.getMessage() + ". Config '"
                            + RetrySettings.MAX_RETRIES_CONFIG + "' sets the patience.", e);
                }
                Duration wait = retryPolicy.backoff(attempt);
                LOG.warn("reading documents to merge upserts into failed ({}); retry in {} ms", e.toString(),
                        wait.toMillis());
                counters.retried(1);
                sleeper.sleep(wait);
            }
        }
    }

    private BulkResponse execute(List<PreparedWrite> writes) throws IOException {
        BulkRequest.Builder request = new BulkRequest.Builder();
        for (PreparedWrite write : writes) {
            request.operations(operation(write));
        }
        long started = System.nanoTime();
        BulkResponse response = client.bulk(request.build());
        counters.bulkRequest(System.nanoTime() - started);
        return response;
    }

    private BulkOperation operation(PreparedWrite write) throws IOException {
        DocumentAction action = write.action();
        Long version = action.version();
        return switch (action.kind()) {
            case DELETE -> BulkOperation.of(b -> b.delete(d -> {
                d.index(action.index()).id(action.id()).routing(action.routing());
                if (version != null) {
                    d.version(version).versionType(VersionType.External);
                }
                return d;
            }));
            case UPSERT -> {
                if (write.partial()) {
                    ObjectNode doc = (ObjectNode) json.readTree(write.source());
                    yield BulkOperation.of(b -> b.update(u -> u.index(action.index()).id(action.id())
                            .routing(action.routing()).action(a -> a.doc(doc).docAsUpsert(true))));
                }
                yield index(action, write.source(), version);
            }
            case INDEX -> index(action, write.source(), version);
            case CREATE -> create(action, write.source());
        };
    }

    /** Into a data stream: never versioned (they refuse external versions). */
    private BulkOperation create(DocumentAction action, byte[] source) {
        BinaryData document = BinaryData.of(source, JSON);
        return BulkOperation.of(b -> b.create(c -> c.index(action.index()).id(action.id()).routing(action.routing())
                .pipeline(pipeline).document(document)));
    }

    private BulkOperation index(DocumentAction action, byte[] source, Long version) {
        BinaryData document = BinaryData.of(source, JSON);
        return BulkOperation.of(b -> b.index(i -> {
            i.index(action.index()).id(action.id()).routing(action.routing()).pipeline(pipeline).document(document);
            if (version != null) {
                i.version(version).versionType(VersionType.External);
            }
            return i;
        }));
    }

    /** Settles each answered item; collects the transient failures in {@code failed}; returns a failure reason. */
    private String settle(List<PreparedWrite> writes, BulkResponse response, List<PreparedWrite> failed) {
        List<BulkResponseItem> items = response.items();
        String lastReason = null;
        int conflicts = 0;
        for (int i = 0; i < writes.size(); i++) {
            PreparedWrite write = writes.get(i);
            DocumentAction action = write.action();
            BulkResponseItem item = items.get(i);
            ErrorCause error = item.error();
            if (error == null) {
                if (action.kind() == DocumentAction.Kind.DELETE) {
                    counters.deleted();
                } else {
                    counters.indexed();
                }
                action.ticket().acknowledge();
                continue;
            }
            int status = item.status();
            if (status == 409 && "version_conflict_engine_exception".equals(error.type())) {
                conflicts++;
                counters.versionConflict();
                action.ticket().acknowledge();
            } else if (status == 429 || status >= 500) {
                failed.add(write);
                lastReason = status + " " + error.type() + ": " + error.reason();
            } else if (status == 401 || status == 403) {
                throw new ConnectException("Elasticsearch refused to write document '" + action.id() + "' into '"
                        + action.index() + "' for " + action.coordinates() + ": " + status + " " + error.type() + ": "
                        + error.reason() + ". Check the privileges of the configured user or API key ('"
                        + ConnectionSettings.CONNECTION_USER_CONFIG + "', '"
                        + ConnectionSettings.CONNECTION_API_KEY_CONFIG + "').");
            } else {
                reject(new RejectedDocument(action, status, error.type(), error.reason()));
            }
        }
        logConflicts(conflicts, "writes older than their documents were ignored by Elasticsearch");
        return lastReason;
    }

    private static void logConflicts(int conflicts, String what) {
        if (conflicts > 0) {
            LOG.info("{} version conflicts: {} (a replay or a redelivery; the newer documents are kept)", conflicts,
                    what);
        }
    }

    private static String documents(int count) {
        return count == 1 ? "1 document" : count + " documents";
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
