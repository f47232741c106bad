package io.cqrsconnect.elasticsearch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.ChangeEventReader;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class IndexNameTemplateTest {

    private static final Schema ADDRESS = SchemaBuilder.struct().field("region", Schema.STRING_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct()
            .field("created", Timestamp.SCHEMA)
            .field("created_millis", Schema.INT64_SCHEMA)
            .field("created_text", Schema.STRING_SCHEMA)
            .field("address", ADDRESS)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static ChangeEvent event() {
        Struct value = new Struct(VALUE)
                .put("created", new java.util.Date(1_700_000_000_000L))
                .put("created_millis", 1_700_000_000_000L)
                .put("created_text", "2026-03-04T05:06:07+01:00")
                .put("address", new Struct(ADDRESS).put("region", "EU"));
        return new ChangeEventReader().read(new SinkRecord("server.shop.orders", 0, null, null, VALUE, value, 9,
                1_600_000_000_000L, TimestampType.CREATE_TIME)).orElseThrow();
    }

    private static String render(String template) {
        return IndexNameTemplate.parse(template, "index.name.format").render(event());
    }

    @Test
    void valueFieldsDatesAndRecordTimestamps() {
        assertThat(render("orders-${value.address.region}")).isEqualTo("orders-EU");
        assertThat(render("orders-${value.created:yyyy-MM}")).isEqualTo("orders-2023-11");
        assertThat(render("orders-${value.created_millis:yyyy.MM.dd}")).isEqualTo("orders-2023.11.14");
        assertThat(render("orders-${value.created_text:yyyy-MM-dd}")).isEqualTo("orders-2026-03-04");
        assertThat(render("${topic[-1]}-${timestamp:yyyy}")).isEqualTo("orders-2020");
    }

    @Test
    void aRecordWithoutTheFieldIsABadRecordNamingFieldAndSetting() {
        assertThatThrownBy(() -> render("orders-${value.note}"))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("field 'note'").hasMessageContaining("index.name.format")
                .hasMessageContaining("offset 9");
    }

    @Test
    void unknownVariablesAndBadPatternsAreConfigErrors() {
        assertThatThrownBy(() -> IndexNameTemplate.parse("${table}", "index.name.format"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("${value.<field>}");
        assertThatThrownBy(() -> IndexNameTemplate.parse("x-${timestamp:yyyy-MM-ppp}", "index.name.format"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a date pattern");
        assertThatThrownBy(() -> IndexNameTemplate.parse("x-${value.}", "index.name.format"))
                .isInstanceOf(ConfigException.class);
    }
}
