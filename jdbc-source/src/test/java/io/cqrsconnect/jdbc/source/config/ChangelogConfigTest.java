package io.cqrsconnect.jdbc.source.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChangelogConfigTest {

    private static Map<String, String> changelog() {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", "jdbc:h2:mem:x");
        config.put("mode", "changelog");
        return config;
    }

    @Test
    void changelogModeNeedsNoColumnsAndOffersTheEnvelope() {
        Map<String, String> config = changelog();
        config.put("output.format", "envelope");
        JdbcSourceConnectorConfig parsed = new JdbcSourceConnectorConfig(config);

        assertThat(parsed.crossFieldProblems().byKey()).isEmpty();
        assertThat(parsed.mode()).isEqualTo(CaptureMode.CHANGELOG);
        assertThat(parsed.outputFormat()).isEqualTo(OutputFormat.ENVELOPE);
        assertThat(parsed.changelog().install()).isTrue();
    }

    @Test
    void theEnvelopeNeedsChangelogModeAndChangelogModeNeedsTables() {
        Map<String, String> config = changelog();
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("output.format", "envelope");
        assertThat(new JdbcSourceConnectorConfig(config).crossFieldProblems().byKey())
                .containsOnlyKeys("output.format");

        Map<String, String> query = changelog();
        query.put("query", "SELECT * FROM orders");
        query.put("pk.fields", "id");
        assertThat(new JdbcSourceConnectorConfig(query).crossFieldProblems().byKey()).containsOnlyKeys("query");
    }

    @Test
    void changelogTablesAreNamedByTheFormatAndNeverCaptured() {
        Map<String, String> config = changelog();
        JdbcSourceConnectorConfig parsed = new JdbcSourceConnectorConfig(config);
        assertThat(parsed.changelog().tableName("orders")).isEqualTo("orders__changelog");
        assertThat(parsed.isChangelogTable("orders__changelog")).isTrue();
        assertThat(parsed.isChangelogTable("ORDERS__CHANGELOG")).isTrue();
        assertThat(parsed.isChangelogTable("orders")).isFalse();
        assertThat(parsed.isChangelogTable("__changelog")).isFalse();

        config.put("changelog.table.name.format", "cdc_${source.table}");
        parsed = new JdbcSourceConnectorConfig(config);
        assertThat(parsed.changelog().tableName("orders")).isEqualTo("cdc_orders");
        assertThat(parsed.isChangelogTable("cdc_orders")).isTrue();

        config.put("changelog.table.name.format", "one_changelog");
        assertThat(new JdbcSourceConnectorConfig(config).crossFieldProblems().byKey())
                .containsOnlyKeys("changelog.table.name.format");

        config.put("mode", "bulk");
        assertThat(new JdbcSourceConnectorConfig(config).isChangelogTable("cdc_orders")).isFalse();
    }
}
