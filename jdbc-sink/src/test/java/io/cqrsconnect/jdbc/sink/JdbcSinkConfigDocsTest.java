package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.common.config.ConfigDocs;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import io.cqrsconnect.testing.docs.GeneratedDocs;
import org.junit.jupiter.api.Test;

/** docs/jdbc-sink-config.md is generated from the ConfigDef and must match it. */
class JdbcSinkConfigDocsTest {

    @Test
    void theReferenceDocsMatchTheConfigDef() {
        String page = ConfigDocs.markdown("JDBC sink configuration",
                "Settings of `io.cqrsconnect.jdbc.sink.JdbcSinkConnector`, in addition to Kafka Connect's own sink "
                        + "settings (`topics`, `errors.tolerance`, `errors.deadletterqueue.topic.name`, ...).",
                JdbcSinkConnectorConfig.CONFIG_DEF);
        assertThat(page).contains("### `connection.password`").doesNotContain("s3cret");
        GeneratedDocs.check("jdbc-sink-config.md", page);
    }
}
