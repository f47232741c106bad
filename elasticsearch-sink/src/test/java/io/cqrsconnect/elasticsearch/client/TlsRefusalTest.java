package io.cqrsconnect.elasticsearch.client;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import org.junit.jupiter.api.Test;

class TlsRefusalTest {

    /** A CA valid until 2126 (keytool -genkeypair -ext bc:c -dname "CN=Test CA"). */
    private static final String CA = """
            -----BEGIN CERTIFICATE-----
            MIIBTTCB9KADAgECAghz+P2UBAA4JzAKBggqhkjOPQQDAjASMRAwDgYDVQQDEwdU
            ZXN0IENBMCAXDTI2MTEyNTA4MDYwMloYDzIxMjYxMTAxMDgwNjAyWjASMRAwDgYD
            VQQDEwdUZXN0IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAELB50gYqq4na0
            6HN79RTk2soRR5A99nFgL1b7ZvJbEgIIjklUnNetBHdnflexRTSrrCfa4vmqZTax
            h+62ggfDFaMyMDAwHQYDVR0OBBYEFPL7121y5tbTw6wQHySe5GSGrxabMA8GA1Ud
            EwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAKk4l6zQifgkwdgTYP6gjWSI
            rL+46A9pj319tfRtz4NqAiArgN5I5l2MPdp41RM/7e7S5ZnrPRCZPs3hzwU9mqnW
            PQ==
            -----END CERTIFICATE-----
            """;

    /**
     * A node certificate {@link #CA} signed, valid for one day from 2020-01-01 (keytool -gencert -startdate
     * "2020/01/01 00:00:00" -validity 1), for localhost.
     */
    private static final String EXPIRED_NODE = """
            -----BEGIN CERTIFICATE-----
            MIIBczCCARmgAwIBAgIJAKF/NAn01tBQMAoGCCqGSM49BAMCMBIxEDAOBgNVBAMT
            B1Rlc3QgQ0EwHhcNMjAwMTAxMDAwMDAwWhcNMjAwMTAyMDAwMDAwWjASMRAwDgYD
            VQQDEwdlcy1ub2RlMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEt+dVJPDITbxO
            796AYQEXsbazJ/41m+LDicGCzEcyGQ07kI6wKbzWz5g1Zw/otL3Xi8cDDr60GyXT
            ldT/UV6fl6NYMFYwHQYDVR0OBBYEFL/iEz5NnqK995DWah1BgGSZPcTSMBQGA1Ud
            EQQNMAuCCWxvY2FsaG9zdDAfBgNVHSMEGDAWgBTy+9dtcubW08OsEB8knuRkhq8W
            mzAKBggqhkjOPQQDAgNIADBFAiEA3PeQrMnZWqHbb3U04bAQ6r5oM0DmksIyVRyS
            x21JkJoCIB6IwJ6ImlVCuCN0jf+JusMkvuVbwKwRQBUdgG8PsEAT
            -----END CERTIFICATE-----
            """;

    /** Another CA valid until 2126, for {@link #POST_DATED_NODE} (made as {@link #CA} was). */
    private static final String SECOND_CA = """
            -----BEGIN CERTIFICATE-----
            MIIBTTCB9aADAgECAgkAh5MabYmC35YwCgYIKoZIzj0EAwIwEjEQMA4GA1UEAxMH
            VGVzdCBDQTAgFw0yNjEyMDQwOTA4NDVaGA8yMTI2MTExMDA5MDg0NVowEjEQMA4G
            A1UEAxMHVGVzdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABLkvwCIf+CKO
            NaTw3Z33Jhu+J7Z8mlIt8zlRRGMTd1vaGfKGm6cRhwxEJOX3auk/VKoeszNYJDoF
            C8SRR284/ESjMjAwMB0GA1UdDgQWBBQa+uTy86AciPJO5GEXJ5kTzLGUDTAPBgNV
            HRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIAFr0XH/I5vkATO81Mr24YAG
            ATuu1JmOFlRkXkfYBtXMAiBjXV2l1APo9eLDeDuTqyEaG+PVLJatGwWc/MfUDjJ0
            aw==
            -----END CERTIFICATE-----
            """;

    /**
     * A node certificate {@link #SECOND_CA} signed, valid for one day from 2100-01-01 (keytool -gencert -startdate
     * "2100/01/01 00:00:00" -validity 1), for localhost: what a worker whose clock is far behind sees.
     */
    private static final String POST_DATED_NODE = """
            -----BEGIN CERTIFICATE-----
            MIIBdzCCAR2gAwIBAgIJAM/jwWzkKYUXMAoGCCqGSM49BAMCMBIxEDAOBgNVBAMT
            B1Rlc3QgQ0EwIhgPMjEwMDAxMDEwMDAwMDBaGA8yMTAwMDEwMjAwMDAwMFowEjEQ
            MA4GA1UEAxMHZXMtbm9kZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABCTUZvms
            vYzVy4bkW85yo8WHecPshBjgOLERstD+gssbdVKYymcAv6mnc1H0y78FW8E6cwMY
            iOIOCeZMlNEg0vejWDBWMB0GA1UdDgQWBBRbDMQb2MJd9BpW+fnZfQZ0TqZRhTAU
            BgNVHREEDTALgglsb2NhbGhvc3QwHwYDVR0jBBgwFoAUGvrk8vOgHIjyTuRhFyeZ
            E8yxlA0wCgYIKoZIzj0EAwIDSAAwRQIgPkO8/Zrs92nxBy+4FUywwYmQ9gOd1iia
            qNvRDtqbhKUCIQC6WvkA4AuBvd1ykiLgp+0frY44JobnFBFH9diZnwhocA==
            -----END CERTIFICATE-----
            """;

    private static ElasticsearchSinkConnectorConfig config(String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "https://es.example:9200");
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
                "PKIX path building failed",
                "Set tls.truststore.path (with tls.truststore.password) or tls.ca.pem.path");
        ElasticsearchSinkConnectorConfig pem = config("tls.ca.pem.path", "/etc/es/ca.pem");
        assertThat(refusal.configKey(pem)).isEqualTo("tls.ca.pem.path");
        assertThat(refusal.message(pem)).contains("no CA in tls.ca.pem.path (/etc/es/ca.pem) signed");
    }

    @Test
    void aCertificateForAnotherHostIsReportedOnTheUrls() {
        TlsRefusal refusal = TlsRefusal.of(new SSLPeerUnverifiedException(
                "Host name 'es.example' does not match the certificate subject provided by the peer (CN=node)"));

        assertThat(refusal.hostNameMismatch()).isTrue();
        assertThat(refusal.configKey(config())).isEqualTo("connection.url");
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

    /**
     * The JDK's own trust manager, trusting {@code ca}, checks {@code node}; the handshake fails on what it throws,
     * as JSSE's does.
     */
    private static SSLHandshakeException refusedByTheJdk(String ca, String node) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", x509.generateCertificate(
                new ByteArrayInputStream(ca.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        X509TrustManager trustManager = (X509TrustManager) factory.getTrustManagers()[0];
        X509Certificate certificate = (X509Certificate) x509.generateCertificate(
                new ByteArrayInputStream(node.getBytes(StandardCharsets.US_ASCII)));

        Throwable refused = catchThrowable(() -> trustManager.checkServerTrusted(new X509Certificate[] {certificate},
                "ECDHE_ECDSA"));

        assertThat(refused).as("the JDK refuses the certificate").isNotNull();
        SSLHandshakeException handshake = new SSLHandshakeException(refused.getMessage());
        handshake.initCause(refused);
        return handshake;
    }

    @Test
    void anExpiredCertificateIsReportedAsExpiredWithItsEndAndTheTrustSettings() throws Exception {
        TlsRefusal refusal = TlsRefusal.of(new IOException("wrapped", refusedByTheJdk(CA, EXPIRED_NODE)));

        assertThat(refusal.reason()).isEqualTo(TlsRefusal.Reason.EXPIRED);
        assertThat(refusal.validity()).isEqualTo("on 2020-01-02T00:00:00Z (CN=es-node)");
        ElasticsearchSinkConnectorConfig pem = config("tls.ca.pem.path", "/etc/es/ca.pem");
        assertThat(refusal.describe(pem)).contains("presents a certificate that expired on 2020-01-02T00:00:00Z "
                        + "(CN=es-node)", "tls.ca.pem.path (/etc/es/ca.pem) trusts its CA",
                "Have the cluster's HTTP certificate renewed",
                "set tls.truststore.path (with tls.truststore.password) or tls.ca.pem.path to that CA",
                "(config 'tls.ca.pem.path')").doesNotContain("no CA");
        assertThat(refusal.describe(config())).contains("the JVM's default trust store trusts its CA",
                "(config 'tls.truststore.path')");
    }

    @Test
    void aCertificateNotValidYetIsReportedAsSuchWithItsStartAndTheClocksToCheck() throws Exception {
        TlsRefusal refusal = TlsRefusal.of(new IOException("wrapped", refusedByTheJdk(SECOND_CA, POST_DATED_NODE)));

        assertThat(refusal.reason()).isEqualTo(TlsRefusal.Reason.NOT_YET_VALID);
        assertThat(refusal.validity()).isEqualTo("from 2100-01-01T00:00:00Z (CN=es-node)");
        assertThat(refusal.describe(config("tls.ca.pem.path", "/etc/es/ca.pem"))).contains(
                "presents a certificate that is not valid yet, valid from 2100-01-01T00:00:00Z (CN=es-node)",
                "tls.ca.pem.path (/etc/es/ca.pem) trusts its CA", "Check the clock of this worker",
                "(config 'tls.ca.pem.path')").doesNotContain("no CA", "expired");
    }

    @Test
    void anExpiryWithoutTheCertificateSaysWhatTheTlsLayerSaid() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path validation failed");
        handshake.initCause(new CertPathValidatorException("validity check failed", new CertificateExpiredException(
                "NotAfter: Mon Nov 23 00:00:00 UTC 2026")));

        TlsRefusal refusal = TlsRefusal.of(handshake);

        assertThat(refusal.reason()).isEqualTo(TlsRefusal.Reason.EXPIRED);
        assertThat(refusal.message(config())).contains("that expired (NotAfter: Mon Nov 23 00:00:00 UTC 2026)");
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
