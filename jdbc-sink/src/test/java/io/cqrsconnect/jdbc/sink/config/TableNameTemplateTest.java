package io.cqrsconnect.jdbc.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.ChangeEventReader;
import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.TableId;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TableNameTemplateTest {

    private static final Schema SOURCE = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA)
            .field("schema", Schema.OPTIONAL_STRING_SCHEMA).field("table", Schema.STRING_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().optional().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().field("before", ROW).field("after", ROW)
            .field("source", SOURCE).field("op", Schema.STRING_SCHEMA).build();

    /** A Debezium change event from server.inventory.customers-v2 on the topic of the same name. */
    private static ChangeEvent event() {
        Struct value = new Struct(ENVELOPE).put("after", new Struct(ROW).put("id", 1)).put("op", "c")
                .put("source", new Struct(SOURCE).put("db", "shop").put("schema", "inventory")
                        .put("table", "customers-v2"));
        return new ChangeEventReader().read(new SinkRecord("server.inventory.customers-v2", 0, null, null,
                ENVELOPE, value, 0)).orElseThrow();
    }

    private static TableId render(String format) {
        return TableNameTemplate.parse(format, "table.name.format").render(event(),
                IdentifierRules.ANSI::sanitizeTableName);
    }

    @Test
    void dotsFromDataStayInTheTableName() {
        assertThat(render("${topic}")).isEqualTo(TableId.of("server_inventory_customers_v2"));
        assertThat(TableNameTemplate.parse("${topic}", "table.name.format").qualified()).isFalse();
    }

    @Test
    void aDotWrittenInTheFormatSeparatesTheSchemaAndEachPartIsSanitizedOnItsOwn() {
        assertThat(render("readmodels.${source.table}")).isEqualTo(new TableId("readmodels", "customers_v2"));
        assertThat(render("${source.schema}.rm_${topic[-1]}")).isEqualTo(new TableId("inventory", "rm_customers_v2"));
        assertThat(render("read-models.${topic}")).isEqualTo(new TableId("read_models",
                "server_inventory_customers_v2"));
        TableNameTemplate qualified = TableNameTemplate.parse("${source.schema}.x", "table.name.format");
        assertThat(qualified.qualified()).isTrue();
        assertThat(qualified.needsSource()).isTrue();
        assertThat(qualified).hasToString("${source.schema}.x");
    }

    @Test
    void moreThanOneSchemaDotOrAnEmptyPartIsAConfigurationError() {
        assertThatThrownBy(() -> TableNameTemplate.parse("db.schema.${topic}", "table.name.format"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("table.name.format")
                .hasMessageContaining("schema.table");
        assertThatThrownBy(() -> TableNameTemplate.parse("readmodels.", "table.name.format"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("both sides");
        assertThatThrownBy(() -> TableNameTemplate.parse(".${topic}", "table.name.format"))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> TableNameTemplate.parse("rm.${nope}", "table.name.format"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("${nope}");
    }

    @Test
    void theTextFormOfAQualifiedNameReadsBack() {
        TableId table = new TableId("readmodels", "orders__g2");
        assertThat(TableId.parse(table.toString())).isEqualTo(table);
        assertThat(TableId.parse("orders")).isEqualTo(TableId.of("orders"));
        assertThat(table.sibling("orders")).isEqualTo(new TableId("readmodels", "orders"));
    }
}
