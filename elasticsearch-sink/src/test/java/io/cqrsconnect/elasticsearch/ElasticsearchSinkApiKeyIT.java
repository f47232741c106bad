package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.ArrayList;
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

import co.elastic.clients.elasticsearch.security.CreateApiKeyResponse;

/**
 * API keys against a real secured node over https: a key created with the admin user (POST /_security/api_key)
 * lets the connector write with {@code connection.api.key} alone; an invalidated or unknown key is reported by
 * validate() on that setting; the key never reaches a validate message or a log line.
 */
class ElasticsearchSinkApiKeyIT extends ElasticsearchSinkClusterSupport {

    private static final String ADMIN_PASSWORD = SecuredNode.PASSWORD;

    @RegisterExtension
    static final ElasticsearchNode ES = SecuredNode.NODE;

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    /** Every key a test created: none may reach the log. */
    private static final List<CreateApiKeyResponse> KEYS = new ArrayList<>();
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
    void noKeyReachedTheLog() {
        String lines = String.join("\n", log.lines());
        for (CreateApiKeyResponse key : KEYS) {
            assertThat(lines).doesNotContain(key.encoded(), key.apiKey());
        }
        assertThat(lines).doesNotContain(ADMIN_PASSWORD);
    }

    @Test
    void writesWithAnApiKeyAlone() throws Exception {
        CreateApiKeyResponse key = createKey("sink-writer");
        Map<String, String> config = config("keyed-people", key.encoded());

        assertThat(keyFreeErrors(validate(config))).isEmpty();
        CLUSTER.kafka().createTopic("keyed-people", 1);
        startConnector("keyed-people-sink", config);

        CLUSTER.kafka().produce("keyed-people", "ada", "{\"name\":\"Ada\"}");

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(index.source("keyed-people", "ada").get("name").asText())
                        .isEqualTo("Ada"));
        delete("keyed-people-sink");
        // the worker logged the configuration, with the key hidden
        assertThat(log.lines()).anyMatch(line -> line.contains("connection.api.key = [hidden]"));
    }

    @Test
    void validateNamesTheApiKeyWhenItWasInvalidated() throws IOException {
        CreateApiKeyResponse key = createKey("revoked");
        ES.client().security().invalidateApiKey(i -> i.ids(key.id()));

        Map<String, List<String>> errors = keyFreeErrors(validate(config("keyed-revoked", key.encoded())));

        assertThat(errors).containsOnlyKeys("connection.api.key");
        assertThat(errors.get("connection.api.key").get(0)).contains("refused the credentials", "401",
                "api key [" + key.id() + "] has been invalidated", "the API key in connection.api.key",
                "POST /_security/api_key");
    }

    @Test
    void validateNamesTheApiKeyWhenTheClusterDoesNotKnowIt() {
        // the encoded form of "unknown-id:some-secret"
        String unknown = "dW5rbm93bi1pZDpzb21lLXNlY3JldA==";

        Map<String, List<String>> errors = keyFreeErrors(validate(config("keyed-unknown", unknown)));

        assertThat(errors).containsOnlyKeys("connection.api.key");
        assertThat(errors.get("connection.api.key").get(0)).contains("the API key in connection.api.key")
                .doesNotContain(unknown, "some-secret");
    }

    private static CreateApiKeyResponse createKey(String name) throws IOException {
        CreateApiKeyResponse key = ES.client().security().createApiKey(k -> k.name(name));
        KEYS.add(key);
        return key;
    }

    private Map<String, String> config(String topic, String apiKey) {
        Map<String, String> config = stringKeyConfig(topic);
        config.put("connection.api.key", apiKey);
        config.put("tls.ca.pem.path", ES.tlsCaPemPath().toString());
        return config;
    }

    /** The errors by setting; fails when any message carries a key. */
    private static Map<String, List<String>> keyFreeErrors(ConfigInfos infos) {
        Map<String, List<String>> errors = errors(infos);
        String messages = String.join("\n", errors.values().stream().flatMap(List::stream).toList());
        for (CreateApiKeyResponse key : KEYS) {
            assertThat(messages).doesNotContain(key.encoded(), key.apiKey());
        }
        return errors;
    }
}
