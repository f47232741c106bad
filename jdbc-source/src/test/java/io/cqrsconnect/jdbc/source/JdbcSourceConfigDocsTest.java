package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.common.config.ConfigDocs;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import io.cqrsconnect.testing.docs.GeneratedDocs;
import org.junit.jupiter.api.Test;

/** docs/jdbc-source-config.md is generated from the ConfigDef and must match it. */
class JdbcSourceConfigDocsTest {

    @Test
    void theReferenceDocsMatchTheConfigDef() {
        String page = ConfigDocs.markdown("JDBC source configuration",
                "Settings of `io.cqrsconnect.jdbc.source.JdbcSourceConnector`, in addition to Kafka Connect's own "
                        + "source settings (`tasks.max`, `topic.creation.*`, `exactly.once.support`, ...). "
                        + "What each capture mode guarantees on each database is in the README's JDBC source "
                        + "section.",
                JdbcSourceConnectorConfig.CONFIG_DEF);
        assertThat(page).contains("### `connection.password`").contains("### `mode`");
        GeneratedDocs.check("jdbc-source-config.md", page);
    }
}
