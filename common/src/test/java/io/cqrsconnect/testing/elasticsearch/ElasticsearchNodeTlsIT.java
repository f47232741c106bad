package io.cqrsconnect.testing.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNodeIT.Book;

class ElasticsearchNodeTlsIT {

    private static final String USER = "tls-user";
    private static final String PASSWORD = "tls-secret";

    @RegisterExtension
    static final ElasticsearchNode ES = ElasticsearchNode.withBasicAuth(USER, PASSWORD).withTls();

    @Test
    void clientIndexesAndSearchesOverHttps() throws Exception {
        assertThat(ES.httpUrl()).matches("https://127\\.0\\.0\\.1:\\d+");
        ElasticsearchNodeIT.indexBooks(ES.client(), "tls-books");

        SearchResponse<Book> kafka = ES.client().search(s -> s.index("tls-books")
                .query(q -> q.match(m -> m.field("title").query("kafka"))), Book.class);
        assertThat(kafka.hits().hits()).extracting(Hit::source)
                .containsExactlyInAnyOrder(ElasticsearchNodeIT.BOOKS.get(0), ElasticsearchNodeIT.BOOKS.get(2));
    }

    @Test
    void certificateNamesLocalhostAndTheAddressAndTheExposedCaSignedIt() throws Exception {
        // java.net.http checks host names itself: a 200 on both names proves both are in the certificate
        HttpClient trusting = HttpClient.newBuilder().sslContext(ES.tlsSslContext()).build();
        for (String host : List.of("127.0.0.1", "localhost")) {
            HttpResponse<Void> response = trusting.send(health("https://" + host + ":" + ES.port()),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).as(host).isEqualTo(200);
            X509Certificate served = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
            X509Certificate ca = caFromPem();
            assertThat(served.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
            served.verify(ca.getPublicKey());
        }
    }

    @Test
    void trustStoreHoldsTheSameCaAsThePemFileBehindItsPassword() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ES.tlsTrustStorePath())) {
            store.load(in, ES.tlsTrustStorePassword().toCharArray());
        }
        List<String> aliases = Collections.list(store.aliases());
        assertThat(aliases).hasSize(1);
        Certificate trusted = store.getCertificate(aliases.get(0));
        assertThat(trusted).isEqualTo(caFromPem());
        assertThatThrownBy(() -> {
            try (InputStream in = Files.newInputStream(ES.tlsTrustStorePath())) {
                KeyStore.getInstance("PKCS12").load(in, "not-the-password".toCharArray());
            }
        }).hasMessageContaining("password");
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefused() {
        HttpClient jvmDefaults = HttpClient.newHttpClient();

        assertThatThrownBy(() -> jvmDefaults.send(health(ES.httpUrl()), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aCertificateForOtherNamesFailsHostNameVerificationUntilReissuedForTheHost() throws Exception {
        try (ElasticsearchNode misnamed = ElasticsearchNode.withBasicAuth(USER, PASSWORD)
                .withTls("elsewhere.invalid").start()) {
            HttpClient trusting = HttpClient.newBuilder().sslContext(misnamed.tlsSslContext()).build();

            assertThatThrownBy(() -> trusting.send(health(misnamed.httpUrl()),
                    HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1");
            assertThat(misnamed.client().cluster().health().numberOfNodes()).isEqualTo(1);

            misnamed.reissueCertificate("127.0.0.1");
            HttpClient fresh = HttpClient.newBuilder().sslContext(misnamed.tlsSslContext()).build();
            assertThat(fresh.send(health(misnamed.httpUrl()), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as("the reissued certificate names the host").isEqualTo(200);
        }
    }

    private static HttpRequest health(String url) {
        return HttpRequest.newBuilder(URI.create(url + "/_cluster/health"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private static X509Certificate caFromPem() throws Exception {
        try (InputStream in = Files.newInputStream(ES.tlsCaPemPath())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
