package io.cqrsconnect.common.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.common.event.SourceInfo;
import io.cqrsconnect.common.record.RecordCoordinates;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class NamingTemplateTest {

    private static final Schema ROW = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();

    @Test
    void rendersTopicTopicPartsAndSourceParts() {
        ChangeEvent event = event("srv.inventory.customers", new SourceInfo("shop", "inventory", "customers"));

        assertThat(NamingTemplate.parse("${topic}", "k").render(event)).isEqualTo("srv.inventory.customers");
        assertThat(NamingTemplate.parse("rm_${topic[-1]}", "k").render(event)).isEqualTo("rm_customers");
        assertThat(NamingTemplate.parse("${topic[0]}_${topic[2]}", "k").render(event)).isEqualTo("srv_customers");
        assertThat(NamingTemplate.parse("${source.schema}.${source.table}", "k").render(event))
                .isEqualTo("inventory.customers");
        assertThat(NamingTemplate.parse("${ source.db }", "k").render(event)).isEqualTo("shop");
    }

    @Test
    void knowsWhetherItNeedsAChangeDataCaptureSource() {
        assertThat(NamingTemplate.parse("rm_${source.table}", "k").needsSource()).isTrue();
        assertThat(NamingTemplate.parse("${topic[-1]}", "k").needsSource()).isFalse();
        assertThat(NamingTemplate.parse("orders", "k").needsSource()).isFalse();
    }

    @Test
    void anExtensionAddsVariablesAndIsNamedInTheUnknownVariableMessage() {
        NamingTemplate.Extension upper = variable -> variable.equals("topic.upper")
                ? event -> event.topic().toUpperCase(java.util.Locale.ROOT) : null;

        NamingTemplate template = NamingTemplate.parse("${topic.upper}_${topic}", "k", upper, "${topic.upper}");

        assertThat(template.render(event("orders", null))).isEqualTo("ORDERS_orders");
        assertThatThrownBy(() -> NamingTemplate.parse("${nope}", "k", upper, "${topic} or ${topic.upper}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown variable ${nope}; use ${topic} or ${topic.upper}");
    }

    @Test
    void aTemplateWithoutVariablesNamesEveryEventAlike() {
        NamingTemplate template = NamingTemplate.parse("orders_view", "k");
        assertThat(template.render(event("other", null))).isEqualTo("orders_view");
        assertThat(template.render(event("whatever", null))).isEqualTo("orders_view");
    }

    @Test
    void anUnknownVariableFailsAtConfigurationTimeNamingTheKey() {
        assertThatThrownBy(() -> NamingTemplate.parse("${table}", "table.name.format"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("table.name.format")
                .hasMessageContaining("unknown variable ${table}");
        assertThatThrownBy(() -> NamingTemplate.parse(" ", "table.name.format"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void anEventThatCannotFillTheTemplateIsABadRecordNamingTheKey() {
        assertThatThrownBy(() -> NamingTemplate.parse("${source.table}", "table.name.format")
                .render(event("plain", null)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("topic 'plain' partition 0 offset 5")
                .hasMessageContaining("Config 'table.name.format'");
        assertThatThrownBy(() -> NamingTemplate.parse("${topic[3]}", "k").render(event("a.b", null)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("part 3 of the topic 'a.b', which has 2 dot-separated parts");
    }

    private static ChangeEvent event(String topic, SourceInfo source) {
        return new ChangeEvent(new RecordCoordinates(topic, 0, 5L), Operation.UPSERT, null, null,
                new Struct(ROW).put("id", 1), source, false, null);
    }
}
