package io.cqrsconnect.elasticsearch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import org.junit.jupiter.api.Test;

class TlsRefusalTest {

    private static ElasticsearchSinkConnectorConfig config(String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.urls", "https://es.example:9200");
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return new ElasticsearchSinkConnectorConfig(props);
    }

    private static SSLHandshakeException untrusted() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertPathBuilderException("unable to find valid certification path"));
        return handshake;
    }

    @Test
    void aCertificateNoTrustedCaSignedIsReportedOnTheTrustSettingInUse() {
        TlsRefusal refusal = TlsRefusal.of(new IOException("wrapped", untrusted()));

        assertThat(refusal.hostNameMismatch()).isFalse();
        assertThat(refusal.configKey(config())).isEqualTo("tls.truststore.path");
        assertThat(refusal.message(config())).contains("JVM's default trust store does not trust",
                "PKIX path building failed", "Set tls.truststore.path (with tls.truststore.password) or tls.ca.pem.path");
        ElasticsearchSinkConnectorConfig pem = config("tls.ca.pem.path", "/etc/es/ca.pem");
        assertThat(refusal.configKey(pem)).isEqualTo("tls.ca.pem.path");
        assertThat(refusal.message(pem)).contains("no CA in tls.ca.pem.path (/etc/es/ca.pem) signed");
    }

    @Test
    void aCertificateForAnotherHostIsReportedOnTheUrls() {
        TlsRefusal refusal = TlsRefusal.of(new SSLPeerUnverifiedException(
                "Host name 'es.example' does not match the certificate subject provided by the peer (CN=node)"));

        assertThat(refusal.hostNameMismatch()).isTrue();
        assertThat(refusal.configKey(config())).isEqualTo("connection.urls");
        assertThat(refusal.message(config())).contains("does not name the host connected to",
                "Host name 'es.example'", "tls.hostname.verification=false");
    }

    @Test
    void otherFailuresAreNoRefusal() {
        assertThat(TlsRefusal.of(new ConnectException("Connection refused"))).isNull();
        assertThat(TlsRefusal.of(new SSLHandshakeException("no cipher suites in common"))).isNull();
    }

    @Test
    void theMessageCarriesNoSecret() {
        ElasticsearchSinkConnectorConfig config = config("tls.truststore.path", "/etc/es/trust.p12",
                "tls.truststore.password", "store-secret", "connection.api.key", "a2V5OnNlY3JldA==");

        assertThat(TlsRefusal.of(untrusted()).message(config)).contains("/etc/es/trust.p12")
                .doesNotContain("store-secret", "a2V5OnNlY3JldA==");
    }

    @Test
    void aRefusalMetOnARetryingPathFailsAtOnceWithTheAdvice() {
        ElasticsearchSinkConnectorConfig config = config("tls.ca.pem.path", "/etc/es/ca.pem");
        IOException refused = new IOException("wrapped", untrusted());

        assertThatThrownBy(() -> TlsRefusal.throwIfRefused(refused, refusal -> refusal.describe(config),
                "Index 'orders' was not created"))
                .isInstanceOf(org.apache.kafka.connect.errors.ConnectException.class).hasCause(refused)
                .hasMessageContaining("no CA in tls.ca.pem.path (/etc/es/ca.pem) signed")
                .hasMessageContaining("(config 'tls.ca.pem.path'). Not retried: every attempt would meet the same "
                        + "certificate. Index 'orders' was not created; restart the task once the setting or the "
                        + "certificate is fixed.");
        // anything else is left to the caller
        TlsRefusal.throwIfRefused(new ConnectException("Connection refused"), refusal -> refusal.describe(config),
                "nothing");
    }
}
