package io.cqrsconnect.jdbc.source.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.common.config.ConfigProblems;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class JdbcSourceConnectorConfigTest {

    private static Map<String, String> base() {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", "jdbc:h2:mem:x");
        return config;
    }

    @Test
    void eachModeNeedsItsColumnsAndAQueryNeedsKeyColumns() {
        Map<String, String> config = base();
        config.put("query", "SELECT * FROM orders WHERE total > 10;");
        config.put("table.include.list", "orders");
        ConfigProblems problems = new JdbcSourceConnectorConfig(config).crossFieldProblems();

        assertThat(problems.byKey()).containsOnlyKeys("incrementing.column.name", "timestamp.column.name",
                "pk.fields", "table.include.list");
        assertThat(new JdbcSourceConnectorConfig(config).query()).isEqualTo("SELECT * FROM orders WHERE total > 10");
    }

    @Test
    void tablesAreChosenByWholeNameAndExcludesWin() {
        Map<String, String> config = base();
        config.put("table.include.list", "orders.*,customers");
        config.put("table.exclude.list", "orders_archive");
        JdbcSourceConnectorConfig parsed = new JdbcSourceConnectorConfig(config);

        assertThat(parsed.captures("orders")).isTrue();
        assertThat(parsed.captures("order_lines")).isFalse();
        assertThat(parsed.captures("orders_archive")).isFalse();
        assertThat(parsed.captures("customers_old")).isFalse();
    }

    @Test
    void aBadPatternOrZoneIsRefusedOnItsKey() {
        Map<String, String> config = base();
        config.put("table.include.list", "orders(");
        assertThatThrownBy(() -> new JdbcSourceConnectorConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("table.include.list");
        config.remove("table.include.list");
        config.put("db.timezone", "Mars/Olympus");
        assertThatThrownBy(() -> new JdbcSourceConnectorConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("db.timezone");
        config.put("db.timezone", "Europe/Berlin");
        config.put("mode", "timestamp+incrementing");
        assertThatThrownBy(() -> new JdbcSourceConnectorConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("timestamp_incrementing");
    }
}
