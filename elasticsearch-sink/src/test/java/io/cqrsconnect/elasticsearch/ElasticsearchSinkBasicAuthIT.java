package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import io.cqrsconnect.testing.FreePorts;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A secured cluster (basic auth, file realm): the connector writes with the right credentials, and the REST
 * validate call reports connectivity and credential problems on the setting the user has to change.
 */
class ElasticsearchSinkBasicAuthIT extends ElasticsearchSinkClusterSupport {

    private static final String USER = "sink-writer";
    private static final String PASSWORD = "sink-secret-1";

    @RegisterExtension
    static final ElasticsearchNode ES = ElasticsearchNode.withBasicAuth(USER, PASSWORD);

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    @Override
    ElasticsearchNode node() {
        return ES;
    }

    @Override
    ConnectCluster cluster() {
        return CLUSTER;
    }

    private Map<String, String> config(String topic) {
        Map<String, String> config = stringKeyConfig(topic);
        config.put("connection.user", USER);
        config.put("connection.password", PASSWORD);
        return config;
    }

    @Test
    void writesWithBasicAuthentication() throws Exception {
        CLUSTER.kafka().createTopic("secured-people", 1);
        startConnector("secured-people-sink", config("secured-people"));

        CLUSTER.kafka().produce("secured-people", "ada", "{\"name\":\"Ada\"}");

        IndexContents index = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(index.source("secured-people", "ada").get("name").asText())
                        .isEqualTo("Ada"));
    }

    @Test
    void validateAcceptsTheRightCredentials() {
        ConfigInfos result = validate(config("validate-ok"));

        assertThat(result.errorCount()).as(errors(result).toString()).isZero();
    }

    @Test
    void validateReportsAWrongPasswordOnThePasswordSetting() {
        Map<String, String> config = config("validate-wrong");
        config.put("connection.password", "not-the-password");

        ConfigInfos result = validate(config);

        assertThat(errors(result)).containsOnlyKeys("connection.password");
        assertThat(errors(result).get("connection.password").get(0)).contains("refused the credentials")
                .doesNotContain("not-the-password");
    }

    @Test
    void validateReportsMissingCredentialsOnTheUserSetting() {
        Map<String, String> config = config("validate-anonymous");
        config.remove("connection.user");
        config.remove("connection.password");

        ConfigInfos result = validate(config);

        assertThat(errors(result)).containsOnlyKeys("connection.user");
        assertThat(errors(result).get("connection.user").get(0)).contains("needs a user or an API key");
    }

    @Test
    void validateReportsAnUnreachableClusterOnTheUrls() {
        Map<String, String> config = config("validate-unreachable");
        config.put("connection.url", "http://127.0.0.1:" + FreePorts.next());
        config.put("connection.timeout.ms", "1000");

        ConfigInfos result = validate(config);

        assertThat(errors(result)).containsOnlyKeys("connection.url");
        assertThat(errors(result).get("connection.url").get(0)).contains("cannot be reached");
    }

    @Test
    void validateReportsOfflineProblemsWithoutCallingTheCluster() {
        Map<String, String> config = config("validate-offline");
        config.put("version.mode", "field");

        ConfigInfos result = validate(config);

        assertThat(errors(result)).containsOnlyKeys("version.field");
    }
}
