package io.cqrsconnect.jdbc.source.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.TableId;
import org.junit.jupiter.api.Test;

class ColumnSettingsTest {

    private static JdbcSourceConnectorConfig config(String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", "jdbc:h2:mem:x");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new JdbcSourceConnectorConfig(config);
    }

    @Test
    void columnsMatchByTableColumnOrSchemaTableColumnIgnoringCase() {
        ColumnSettings include = config("column.include.list", "orders\\.id,shop\\.orders\\.TOTAL").columns();
        TableId orders = TableId.of("orders");

        assertThat(include.captures("shop", orders, "id")).isTrue();
        assertThat(include.captures("shop", orders, "total")).isTrue();
        assertThat(include.captures("other", orders, "total")).isFalse();
        assertThat(include.captures("shop", orders, "note")).isFalse();
        assertThat(include.captures(null, new TableId("shop", "orders"), "total")).isTrue();

        ColumnSettings exclude = config("column.exclude.list", ".*\\.secret").columns();
        assertThat(exclude.captures(null, orders, "secret")).isFalse();
        assertThat(exclude.captures(null, orders, "id")).isTrue();
        assertThat(config().columns().captures(null, orders, "anything")).isTrue();
    }

    @Test
    void oneColumnListAtATimeAndNeverWithAQueryOrAnOutbox() {
        assertThat(config("column.include.list", "a\\.b", "column.exclude.list", "a\\.c", "mode", "bulk")
                .crossFieldProblems()
                .byKey()).containsOnlyKeys("column.exclude.list");
        assertThat(config("column.include.list", "a\\.b", "query", "SELECT 1 AS id", "pk.fields", "id", "mode",
                "bulk").crossFieldProblems().byKey()).containsOnlyKeys("column.include.list");
        assertThat(config("column.exclude.list", "a\\.b", "outbox.enabled", "true", "mode", "incrementing",
                "incrementing.column.name", "id").crossFieldProblems().byKey())
                .containsOnlyKeys("column.exclude.list");
    }

    @Test
    void schemaListsQualifyTheTablesTheyChoose() {
        JdbcSourceConnectorConfig config = config("schema.include.list", "shop_.*", "schema.exclude.list",
                "shop_old", "table.include.list", "shop_.*\\.orders");

        assertThat(config.listsSchemas()).isTrue();
        assertThat(config.capturesSchema("shop_eu")).isTrue();
        assertThat(config.capturesSchema("shop_old")).isFalse();
        assertThat(config.captures(new TableId("shop_eu", "orders"))).isTrue();
        assertThat(config.captures(TableId.of("orders"))).isFalse();
        assertThat(config().listsSchemas()).isFalse();
    }

    @Test
    void aTaskCarriesQualifiedTablesWhateverCharactersTheirNamesHold() {
        List<TableId> tables = List.of(TableId.of("a.b,c"), new TableId("shop.eu", "orders"));
        assertThat(TaskTables.decode(Map.of(TaskTables.TASK_TABLES_CONFIG, TaskTables.encode(tables))))
                .isEqualTo(tables);
    }
}
