package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * https to real nodes whose certificates a throwaway CA signed: the connector trusts the cluster through a PKCS12
 * trust store or a PEM CA file; validate() refuses a certificate no configured CA signed, a trust store its password
 * does not open, and a certificate that does not name the host (also refused by a task starting after the
 * certificate changed, and by a running task's bulk request or first look-up of a new target, without retrying),
 * each time naming the setting to change; and no secret reaches a validate message or a log line.
 */
class ElasticsearchSinkTlsIT extends ElasticsearchSinkClusterSupport {

    private static final String USER = SecuredNode.USER;
    private static final String PASSWORD = SecuredNode.PASSWORD;

    /** Certificate for localhost and 127.0.0.1. */
    @RegisterExtension
    static final ElasticsearchNode ES = SecuredNode.NODE;

    /** Certificate for another host name only: trusted through its own CA, but not for 127.0.0.1. */
    @RegisterExtension
    static final ElasticsearchNode MISNAMED = ElasticsearchNode.withBasicAuth(USER, PASSWORD)
            .withTls("elsewhere.invalid");

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private static CapturedLogLines log;

    @Override
    ElasticsearchNode node() {
        return ES;
    }

    @Override
    ConnectCluster cluster() {
        return CLUSTER;
    }

    @BeforeAll
    static void captureTheLog() {
        log = CapturedLogLines.everything();
    }

    @AfterAll
    static void releaseTheLog() {
        log.close();
    }

    @AfterEach
    void noSecretReachedTheLog() {
        assertThat(String.join("\n", log.lines())).doesNotContain(secrets());
    }

    @Test
    void writesOverHttpsTrustingAPkcs12TrustStore() throws Exception {
        Map<String, String> config = config(ES, "tls-truststore");
        config.put("tls.truststore.path", ES.tlsTrustStorePath().toString());
        config.put("tls.truststore.password", ES.tlsTrustStorePassword());
        config.put("tls.truststore.type", "PKCS12");

        assertThat(secretFreeErrors(validate(config))).isEmpty();
        writesOneDocument(ES, config);
        // the worker logged the configuration, with the password hidden
        assertThat(log.lines()).anyMatch(line -> line.contains("tls.truststore.password = [hidden]"));
    }

    @Test
    void writesOverHttpsTrustingAPemCa() throws Exception {
        Map<String, String> config = config(ES, "tls-pem");
        config.put("tls.ca.pem.path", ES.tlsCaPemPath().toString());

        assertThat(secretFreeErrors(validate(config))).isEmpty();
        writesOneDocument(ES, config);
    }

    @Test
    void validateNamesTheTrustSettingsWhenNoConfiguredCaSignedTheCertificate() {
        Map<String, String> jvmDefaults = config(ES, "tls-untrusted");

        Map<String, List<String>> errors = secretFreeErrors(validate(jvmDefaults));

        assertThat(errors).containsOnlyKeys("tls.truststore.path");
        assertThat(errors.get("tls.truststore.path").get(0)).contains("JVM's default trust store does not trust",
                "Set tls.truststore.path", "tls.ca.pem.path", ES.httpUrl());

        Map<String, String> otherCa = config(ES, "tls-other-ca");
        otherCa.put("tls.ca.pem.path", MISNAMED.tlsCaPemPath().toString());

        errors = secretFreeErrors(validate(otherCa));

        assertThat(errors).containsOnlyKeys("tls.ca.pem.path");
        assertThat(errors.get("tls.ca.pem.path").get(0))
                .contains("no CA in tls.ca.pem.path (" + MISNAMED.tlsCaPemPath() + ") signed",
                        "Set tls.truststore.path");
    }

    @Test
    void validateNamesThePasswordThatDoesNotOpenTheTrustStore() {
        Map<String, String> config = config(ES, "tls-wrong-password");
        config.put("tls.truststore.path", ES.tlsTrustStorePath().toString());
        config.put("tls.truststore.password", "not-the-trust-store-password");

        Map<String, List<String>> errors = secretFreeErrors(validate(config));

        assertThat(errors).containsOnlyKeys("tls.truststore.password");
        assertThat(errors.get("tls.truststore.password").get(0)).contains("does not open the PKCS12 trust store")
                .doesNotContain("not-the-trust-store-password");
    }

    @Test
    void validateRefusesACertificateThatDoesNotNameTheHost() {
        Map<String, String> config = config(MISNAMED, "tls-misnamed");
        config.put("tls.ca.pem.path", MISNAMED.tlsCaPemPath().toString());

        Map<String, List<String>> errors = secretFreeErrors(validate(config));

        assertThat(errors).containsOnlyKeys("connection.url");
        assertThat(errors.get("connection.url").get(0)).contains("does not name the host connected to",
                "127.0.0.1", "Use a host name the certificate holds in connection.url",
                "tls.hostname.verification=false");
    }

    /**
     * Connect refuses to create a connector whose validation fails, so the task's own check is seen the way it
     * matters: the certificate is renewed for another name under a running connector, and the restarted task
     * fails at once, naming the settings, instead of retrying writes that cannot succeed.
     */
    @Test
    void aTaskRestartedAfterTheCertificateStoppedNamingTheHostFailsNamingTheSettings() throws Exception {
        String connector = "tls-renewed-sink";
        Map<String, String> config = config(MISNAMED, "tls-renewed");
        config.put("tls.ca.pem.path", MISNAMED.tlsCaPemPath().toString());
        MISNAMED.reissueCertificate("localhost", "127.0.0.1");
        try {
            CLUSTER.kafka().createTopic("tls-renewed", 1);
            startConnector(connector, config);
            CLUSTER.kafka().produce("tls-renewed", "ada", "{\"name\":\"Ada\"}");
            IndexContents index = new IndexContents(MISNAMED.client());
            await().atMost(WAIT).ignoreExceptions()
                    .untilAsserted(() -> assertThat(index.source("tls-renewed", "ada")).isNotNull());

            MISNAMED.reissueCertificate("elsewhere.invalid");
            CLUSTER.connect().restartTask(connector, 0);

            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
                var task = CLUSTER.connect().connectorStatus(connector).tasks().get(0);
                assertThat(task.state()).isEqualTo("FAILED");
                assertThat(task.trace()).contains("does not name the host connected to", "connection.url",
                        "tls.hostname.verification=false");
            });
        } finally {
            delete(connector);
            MISNAMED.reissueCertificate("elsewhere.invalid");
        }
    }

    /**
     * Mid-run, with no restart of the task: the node comes back with a certificate for another name, and the next
     * bulk request fails the task at once, naming the settings. The retry budget is set so that a single retry
     * would wait at least 60 s (the jittered wait is at least half of {@code retry.backoff.ms}): the failure
     * arriving well before that shows the refusal was never retried as transient.
     */
    @Test
    void aCertificateRefusedMidRunFailsTheTaskWithoutRetryingNamingTheSettings() throws Exception {
        String connector = "tls-midrun-sink";
        Map<String, String> config = config(MISNAMED, "tls-midrun");
        config.put("tls.ca.pem.path", MISNAMED.tlsCaPemPath().toString());
        config.put("max.retries", "5");
        config.put("retry.backoff.ms", "120000");
        config.put("retry.backoff.max.ms", "120000");
        MISNAMED.reissueCertificate("localhost", "127.0.0.1");
        try {
            CLUSTER.kafka().createTopic("tls-midrun", 1);
            startConnector(connector, config);
            CLUSTER.kafka().produce("tls-midrun", "ada", "{\"name\":\"Ada\"}");
            IndexContents index = new IndexContents(MISNAMED.client());
            await().atMost(WAIT).ignoreExceptions()
                    .untilAsserted(() -> assertThat(index.source("tls-midrun", "ada")).isNotNull());

            MISNAMED.reissueCertificate("elsewhere.invalid");
            // a running node keeps serving open connections on their old handshake: the restart closes the
            // sink's pooled ones, so its next request shakes hands with the new certificate
            MISNAMED.restart();
            CLUSTER.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                    "the idle sink kept running while the node restarted");
            CLUSTER.kafka().produce("tls-midrun", "bob", "{\"name\":\"Bob\"}");

            // well within the 60 s a single retry would have waited first
            await().atMost(Duration.ofSeconds(45)).ignoreExceptions().untilAsserted(() -> {
                var task = CLUSTER.connect().connectorStatus(connector).tasks().get(0);
                assertThat(task.state()).isEqualTo("FAILED");
                assertThat(task.trace()).contains("does not name the host connected to", "connection.url",
                        "tls.hostname.verification=false", "Not retried").doesNotContain("still failed after");
            });
            // the node's client was renewed by the restart
            assertThat(new IndexContents(MISNAMED.client()).source("tls-midrun", "bob")).isNull();
        } finally {
            delete(connector);
            MISNAMED.reissueCertificate("elsewhere.invalid");
        }
    }

    /**
     * The first write of a running connector, into an index the sink creates itself (with a total-fields limit),
     * meets a certificate for another name: what the target is, and the index, are looked up and created on paths
     * of their own, outside the bulk request, and those fail the task at once too, naming the settings. The retry
     * budget is that of the mid-run test: a single retry would wait at least 60 s.
     */
    @Test
    void aCertificateRefusedBeforeTheFirstWriteFailsTheTaskWithoutRetryingNamingTheSettings() throws Exception {
        String connector = "tls-first-write-sink";
        String topic = "tls-first-write";
        Map<String, String> config = config(MISNAMED, topic);
        config.put("tls.ca.pem.path", MISNAMED.tlsCaPemPath().toString());
        config.put("mapping.total.fields.limit", "500");
        config.put("max.retries", "5");
        config.put("retry.backoff.ms", "120000");
        config.put("retry.backoff.max.ms", "120000");
        MISNAMED.reissueCertificate("localhost", "127.0.0.1");
        try {
            CLUSTER.kafka().createTopic(topic, 1);
            startConnector(connector, config);

            MISNAMED.reissueCertificate("elsewhere.invalid");
            // closes the connection the task's start-up check left in its pool, so the first write shakes hands
            // with the new certificate
            MISNAMED.restart();
            CLUSTER.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                    "the idle sink kept running while the node restarted");
            CLUSTER.kafka().produce(topic, "ada", "{\"name\":\"Ada\"}");

            await().atMost(Duration.ofSeconds(45)).ignoreExceptions().untilAsserted(() -> {
                var task = CLUSTER.connect().connectorStatus(connector).tasks().get(0);
                assertThat(task.state()).isEqualTo("FAILED");
                assertThat(task.trace()).contains("does not name the host connected to", "connection.url",
                        "tls.hostname.verification=false", "Not retried", "nothing was written to it",
                        "for the record at topic '" + topic + "' partition 0 offset 0")
                        .doesNotContain("could not find out", "could not create index");
            });
            assertThat(MISNAMED.client().indices().exists(exists -> exists.index(topic)).value()).isFalse();
        } finally {
            delete(connector);
            MISNAMED.reissueCertificate("elsewhere.invalid");
        }
    }

    @Test
    void withoutHostNameVerificationTheMisnamedCertificateIsAccepted() throws Exception {
        Map<String, String> config = config(MISNAMED, "tls-no-verification");
        config.put("tls.ca.pem.path", MISNAMED.tlsCaPemPath().toString());
        config.put("tls.hostname.verification", "false");

        assertThat(secretFreeErrors(validate(config))).isEmpty();
        writesOneDocument(MISNAMED, config);
    }

    private void writesOneDocument(ElasticsearchNode node, Map<String, String> config) throws Exception {
        String topic = config.get("topics");
        String connector = config.get("name");
        CLUSTER.kafka().createTopic(topic, 1);
        startConnector(connector, config);

        CLUSTER.kafka().produce(topic, "grace", "{\"name\":\"Grace\"}");

        IndexContents index = new IndexContents(node.client());
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(index.source(topic, "grace").get("name").asText())
                        .isEqualTo("Grace"));
        delete(connector);
    }

    private Map<String, String> config(ElasticsearchNode node, String topic) {
        Map<String, String> config = stringKeyConfig(topic);
        config.put("connection.url", node.httpUrl());
        config.put("connection.user", USER);
        config.put("connection.password", PASSWORD);
        return config;
    }

    /** The errors by setting; fails when any message carries a secret. */
    private static Map<String, List<String>> secretFreeErrors(ConfigInfos infos) {
        Map<String, List<String>> errors = errors(infos);
        assertThat(String.join("\n", errors.values().stream().flatMap(List::stream).toList()))
                .doesNotContain(secrets());
        return errors;
    }

    private static String[] secrets() {
        return new String[] {PASSWORD, ES.tlsTrustStorePassword(), MISNAMED.tlsTrustStorePassword()};
    }
}
