package io.cqrsconnect.rebuild.extension;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.common.config.ConfigDocs;
import io.cqrsconnect.rebuild.RebuildConfig;
import io.cqrsconnect.testing.docs.GeneratedDocs;
import org.junit.jupiter.api.Test;

/**
 * docs/rebuild-extension-config.md (the worker settings of the extension) and docs/rebuild-config.md (the
 * coordinator connector the extension and the CLI create) are generated from their ConfigDefs and must match them.
 */
class RebuildDocsTest {

    @Test
    void theExtensionReferenceMatchesItsSettings() {
        String page = ConfigDocs.markdown("Rebuild REST extension configuration",
                "Worker settings of `io.cqrsconnect.rebuild.extension.ReadModelsRestExtension`, which a worker loads "
                        + "when `rest.extension.classes` lists it. The extension also reads the worker's "
                        + "`bootstrap.servers` and its Kafka client security settings (`security.protocol`, "
                        + "`ssl.*`, `sasl.*`).",
                ExtensionSettings.DEFINITION);
        assertThat(page).contains("### `cqrs.rebuild.connect.url`");
        GeneratedDocs.check("rebuild-extension-config.md", page);
    }

    @Test
    void theCoordinatorReferenceMatchesItsSettings() {
        String page = ConfigDocs.markdown("Rebuild coordinator configuration",
                "Settings of the rebuild coordinator connectors (`io.cqrsconnect.jdbc.sink.rebuild."
                        + "JdbcRebuildConnector`, `io.cqrsconnect.elasticsearch.rebuild."
                        + "ElasticsearchRebuildConnector`), shipped in each sink's plugin. The REST extension and "
                        + "the CLI fill them in; set them by hand only to drive a rebuild without either.",
                RebuildConfig.DEFINITION);
        assertThat(page).contains("### `rebuild.connector`");
        GeneratedDocs.check("rebuild-config.md", page);
    }
}
