package io.cqrsconnect.elasticsearch.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.junit.jupiter.api.Test;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;

/**
 * Which failures every retrying path (bulk, target resolution, index creation and mapping, read model publication)
 * retries: answers by status, no answer as transient, and TLS failures as the field treats them.
 */
class TransientFailureTest {

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException handshake = new SSLHandshakeException(message);
        handshake.initCause(cause);
        return handshake;
    }

    private static ElasticsearchException answered(int status) {
        return new ElasticsearchException("es/test", ErrorResponse.of(response -> response.status(status)
                .error(error -> error.type("test_exception").reason("answered " + status))));
    }

    @Test
    void aCertificateThisSideRefusesIsNotTransient() {
        // no configured CA signed it
        assertThat(TransientFailure.test(new IOException("wrapped", handshake("PKIX path validation failed",
                new CertPathValidatorException("signature check failed"))))).isFalse();
        // expired
        assertThat(TransientFailure.test(handshake("PKIX path validation failed",
                new CertPathValidatorException("validity check failed", new CertificateExpiredException(
                        "NotAfter: Mon Nov 23 00:00:00 UTC 2026"))))).isFalse();
        // trusted, but for another host
        assertThat(TransientFailure.test(new SSLPeerUnverifiedException(
                "Host name '127.0.0.1' does not match the certificate subject provided by the peer"))).isFalse();
    }

    @Test
    void aHandshakeCutShortAndAnUnreachableClusterAreTransient() {
        assertThat(TransientFailure.test(handshake("Remote host terminated the handshake",
                new EOFException("SSL peer shut down incorrectly")))).isTrue();
        assertThat(TransientFailure.test(new ConnectException("Connection refused"))).isTrue();
        assertThat(TransientFailure.test(new SocketTimeoutException("30,000 milliseconds timeout"))).isTrue();
    }

    @Test
    void anAnswerIsTransientWhenTheClusterIsBusyOrBrokenForNow() {
        assertThat(TransientFailure.test(answered(429))).isTrue();
        assertThat(TransientFailure.test(answered(503))).isTrue();
        assertThat(TransientFailure.test(answered(400))).isFalse();
        assertThat(TransientFailure.test(answered(403))).isFalse();
        assertThat(TransientFailure.statusOf(answered(413))).isEqualTo(413);
        assertThat(TransientFailure.statusOf(new ConnectException("Connection refused"))).isEqualTo(-1);
    }

    @Test
    void theSinksOwnRuntimeFailuresAreNotTransient() {
        assertThat(TransientFailure.test(new IllegalStateException("alias 'orders' points at several generations")))
                .isFalse();
    }
}
