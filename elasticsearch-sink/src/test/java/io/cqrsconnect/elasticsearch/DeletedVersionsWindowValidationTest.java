package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import org.junit.jupiter.api.Test;

class DeletedVersionsWindowValidationTest {

    private static Set<String> targets(Map<String, String> settings) {
        Map<String, String> props = new HashMap<>(settings);
        props.put("connection.url", "http://127.0.0.1:9200");
        return DeletedVersionsWindowValidation.targetsKnownWithoutRecords(new ElasticsearchSinkConnectorConfig(props),
                props);
    }

    @Test
    void topicTemplatesNameOneIndexPerListedTopic() {
        assertThat(targets(Map.of("topics", "Orders, shop.inventory.customers"))).containsExactly("orders",
                "shop.inventory.customers");
        assertThat(targets(Map.of("topics", "shop.inventory.customers,shop.inventory.orders",
                "index.name.format", "read-${topic[-1]}"))).containsExactly("read-customers", "read-orders");
    }

    @Test
    void aGenerationNamesItsOwnIndex() {
        assertThat(targets(Map.of("topics", "orders", "read.model.generation", "3"))).containsExactly("orders__g3");
    }

    @Test
    void templatesThatNeedARecordNameNothingInAdvance() {
        assertThat(targets(Map.of("topics", "orders", "index.name.format", "${topic}-${value.region}"))).isEmpty();
        assertThat(targets(Map.of("topics", "orders", "index.name.format", "orders-${timestamp:yyyy-MM}")))
                .isEmpty();
        assertThat(targets(Map.of("topics", "orders", "index.name.format", "${source.table}"))).isEmpty();
        // a topic with too few parts for the template renders nothing either
        assertThat(targets(Map.of("topics", "orders", "index.name.format", "${topic[2]}"))).isEmpty();
    }

    @Test
    void withATopicPatternOnlyATemplateThatIgnoresTheTopicNamesAnIndex() {
        assertThat(targets(Map.of("topics.regex", "orders-.*", "index.name.format", "all-orders")))
                .containsExactly("all-orders");
        assertThat(targets(Map.of("topics.regex", "orders-.*"))).isEmpty();
    }
}
