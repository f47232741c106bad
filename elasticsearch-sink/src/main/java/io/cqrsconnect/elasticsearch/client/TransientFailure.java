package io.cqrsconnect.elasticsearch.client;

import java.io.IOException;

import org.elasticsearch.client.ResponseException;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;

/**
 * Whether a failed request to Elasticsearch is worth another attempt: the one answer for every path that retries
 * (bulk writes and the reads before upsert merges, resolving a target, creating or mapping an index, publishing a
 * read model generation), so that they agree.
 * <p>
 * Transient: the cluster answered 429 (too busy) or 5xx (a node left, a shard is relocating, a proxy timed out), or
 * it did not answer at all (connection refused or lost, a timeout, a TLS handshake cut short by a reset or an EOF):
 * each may pass on its own. Not transient: any other answer (4xx: the request is wrong, or the user may not make it),
 * and a server certificate this side refuses ({@link TlsRefusal}: no trusted CA signed it, it expired, it does not
 * name the host), which every attempt meets unchanged until a setting or the certificate changes; clients and
 * browsers fail such a handshake at once too. Nor is any other runtime failure of the sink's own.
 * <p>
 * An answer that means something particular to one path (a 404 for "not there yet", a 400 for a custom mapping
 * Elasticsearch refuses, a 413 for a request over the size limit) is that path's to handle, before or after asking
 * here.
 */
public final class TransientFailure {

    private TransientFailure() {
    }

    /** True when another attempt may succeed; see the class description. */
    public static boolean test(Throwable failure) {
        int status = statusOf(failure);
        if (status > 0) {
            return status == 429 || status >= 500;
        }
        if (TlsRefusal.of(failure) != null) {
            return false;
        }
        return failure instanceof IOException || failure instanceof TransportException;
    }

    /**
     * The HTTP status the cluster answered with, or -1 when there was no answer. A status without an error body
     * (a 413 has none) comes as the low-level client's {@link ResponseException}, not as the client's own types.
     */
    public static int statusOf(Throwable failure) {
        if (failure instanceof ElasticsearchException es) {
            return es.status();
        }
        if (failure instanceof TransportException transport) {
            return transport.statusCode() > 0 ? transport.statusCode() : -1;
        }
        if (failure instanceof ResponseException response) {
            return response.getResponse().getStatusLine().getStatusCode();
        }
        return -1;
    }
}
