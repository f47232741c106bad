package io.cqrsconnect.elasticsearch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.junit.jupiter.api.Test;

/** Which failures without an answer from the cluster are worth a retry: TLS ones as the field treats them. */
class BulkSenderTransienceTest {

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException handshake = new SSLHandshakeException(message);
        handshake.initCause(cause);
        return handshake;
    }

    @Test
    void aCertificateThisSideRefusesIsNotTransient() {
        // no configured CA signed it
        assertThat(BulkSender.isTransient(new IOException("wrapped", handshake("PKIX path validation failed",
                new CertPathValidatorException("signature check failed"))))).isFalse();
        // expired
        assertThat(BulkSender.isTransient(handshake("PKIX path validation failed",
                new CertPathValidatorException("validity check failed", new CertificateExpiredException(
                        "NotAfter: Mon Nov 23 00:00:00 UTC 2026"))))).isFalse();
        // trusted, but for another host
        assertThat(BulkSender.isTransient(new SSLPeerUnverifiedException(
                "Host name '127.0.0.1' does not match the certificate subject provided by the peer"))).isFalse();
    }

    @Test
    void aHandshakeCutShortAndAnUnreachableClusterAreTransient() {
        assertThat(BulkSender.isTransient(handshake("Remote host terminated the handshake",
                new EOFException("SSL peer shut down incorrectly")))).isTrue();
        assertThat(BulkSender.isTransient(new ConnectException("Connection refused"))).isTrue();
    }
}
