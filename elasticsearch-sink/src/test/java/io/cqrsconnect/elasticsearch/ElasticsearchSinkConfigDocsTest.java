package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.common.config.ConfigDocs;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import io.cqrsconnect.testing.docs.GeneratedDocs;
import org.junit.jupiter.api.Test;

/** docs/elasticsearch-sink-config.md is generated from the ConfigDef and must match it. */
class ElasticsearchSinkConfigDocsTest {

    @Test
    void theReferenceDocsMatchTheConfigDef() {
        String page = ConfigDocs.markdown("Elasticsearch sink configuration",
                "Settings of `io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector`, in addition to Kafka "
                        + "Connect's own sink settings (`topics`, `errors.tolerance`, "
                        + "`errors.deadletterqueue.topic.name`, ...).",
                ElasticsearchSinkConnectorConfig.CONFIG_DEF);
        assertThat(page).contains("### `connection.password`", "## Mapping", "### `read.model.generation`",
                "### `index.gc.deletes`", "tombstone", "heap");
        GeneratedDocs.check("elasticsearch-sink-config.md", page);
    }
}
