package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.Test;

/** What the connector hands its tasks. */
class ElasticsearchSinkConnectorTest {

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", "http://127.0.0.1:9200");
        config.put("topics", "orders");
        return config;
    }

    private static List<Map<String, String>> tasks(Map<String, String> config, int maxTasks) {
        ElasticsearchSinkConnector connector = new ElasticsearchSinkConnector();
        connector.start(config);
        return connector.taskConfigs(maxTasks);
    }

    @Test
    void aSingleTaskKeepsTwoBulkRequestsInFlightByDefault() {
        List<Map<String, String>> tasks = tasks(config(), 1);
        assertThat(tasks).singleElement().satisfies(task -> assertThat(
                new ElasticsearchSinkConnectorConfig(task).batchMaxInFlight()).isEqualTo(2));
    }

    @Test
    void severalTasksSendOneBulkRequestEachByDefault() {
        List<Map<String, String>> tasks = tasks(config(), 4);
        assertThat(tasks).hasSize(4).allSatisfy(task -> assertThat(
                new ElasticsearchSinkConnectorConfig(task).batchMaxInFlight()).isEqualTo(1));
    }

    @Test
    void aGivenInFlightSettingIsLeftAsItIs() {
        Map<String, String> config = config();
        config.put("batch.max.in.flight.requests", "3");
        assertThat(tasks(config, 4)).allSatisfy(task -> assertThat(
                new ElasticsearchSinkConnectorConfig(task).batchMaxInFlight()).isEqualTo(3));
    }

    @Test
    void validateReportsEveryOfflineProblemOnItsKeyAndAsksNoClusterAboutThem() {
        Map<String, String> config = config();
        config.put("connection.url", "http://127.0.0.1:1"); // nothing listens: a probe would add an error here
        config.put("pk.mode", "record_value");
        config.put("version.mode", "field");
        config.put("mapping.mode", "custom");
        config.put("retry.backoff.ms", "1000");
        config.put("retry.backoff.max.ms", "10");

        Map<String, List<String>> errors = new HashMap<>();
        new ElasticsearchSinkConnector().validate(config).configValues().forEach(value ->
                errors.put(value.name(), value.errorMessages()));

        assertThat(errors.get("pk.fields")).singleElement().asString().contains("value fields");
        assertThat(errors.get("version.field")).singleElement().asString().contains("version.mode=field");
        assertThat(errors.get("mapping.custom.json")).singleElement().asString().contains("mapping.mode=custom");
        assertThat(errors.get("retry.backoff.max.ms")).singleElement().asString().contains("retry.backoff.ms");
        assertThat(errors.get("connection.url")).isEmpty();
    }

    @Test
    void anInvalidValueStopsNeitherTheCrossFieldRulesNorTheOtherKeysProblems() {
        Map<String, String> config = config();
        config.put("connection.url", "http://127.0.0.1:1"); // nothing listens: a probe would add an error here
        config.put("batch.size", "0"); // one key's own mistake
        config.put("version.mode", "field"); // two rules broken: no version field, no password for the user
        config.put("connection.user", "writer");

        Map<String, List<String>> errors = errors(new ElasticsearchSinkConnector().validate(config));

        assertThat(errors).containsOnlyKeys("batch.size", "version.field", "connection.password");
        assertThat(errors.get("batch.size")).singleElement().asString().contains("at least 1");
        assertThat(errors.get("version.field")).singleElement().asString().contains("version.mode=field");
        assertThat(errors.get("connection.password")).singleElement().asString().contains("connection.user");
    }

    @Test
    void aRuleReadingAnInvalidValueIsSkippedAndAnOldKeyIsReportedOnItself() {
        Map<String, String> config = config();
        config.put("pk.mode", "by_value"); // invalid: the pk.fields rule must not judge the default in its place
        config.put("write.mode", "upsert"); // a key the sink no longer defines
        config.put("index.name.format", "${nope}");

        Map<String, List<String>> errors = errors(new ElasticsearchSinkConnector().validate(config));

        assertThat(errors).containsOnlyKeys("pk.mode", "write.mode", "index.name.format");
        assertThat(errors.get("write.mode")).singleElement().asString().contains("renamed insert.mode");
    }

    /** The error messages of a validate() answer, by key, for the keys that have any. */
    private static Map<String, List<String>> errors(Config result) {
        Map<String, List<String>> errors = new HashMap<>();
        result.configValues().stream().filter(value -> !value.errorMessages().isEmpty())
                .forEach(value -> errors.put(value.name(), value.errorMessages()));
        return errors;
    }
}
