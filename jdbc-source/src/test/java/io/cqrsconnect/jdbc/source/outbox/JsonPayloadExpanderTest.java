package io.cqrsconnect.jdbc.source.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** table.expand.json.payload infers the struct Debezium's outbox router infers, and keeps what it cannot expand. */
class JsonPayloadExpanderTest {

    @Test
    void aJsonObjectBecomesAStructTypedByItsValues() {
        SchemaAndValue expanded = JsonPayloadExpander.expand("payload", """
                {"id": 1, "big": 12345678901, "total": 39.98, "paid": true, "note": "caf\\u00e9 \\"x\\"",
                 "customer": {"name": "Ada", "tags": ["a", "b"]}, "gone": null, "none": [],
                 "lines": [{"item": "book", "qty": 2}, {"item": "pen", "price": 1.5}]}""");

        Schema schema = expanded.schema();
        assertThat(schema.name()).isEqualTo("payload");
        assertThat(schema.fields()).extracting(field -> field.name())
                .containsExactly("id", "big", "total", "paid", "note", "customer", "lines");
        assertThat(schema.field("id").schema()).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
        assertThat(schema.field("big").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(schema.field("total").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
        assertThat(schema.field("customer").schema().name()).isEqualTo("payload.customer");
        assertThat(schema.field("lines").schema().valueSchema().fields()).extracting(field -> field.name())
                .as("struct elements merged").containsExactly("item", "qty", "price");

        Struct value = (Struct) expanded.value();
        assertThat(value.get("id")).isEqualTo(1);
        assertThat(value.get("big")).isEqualTo(12345678901L);
        assertThat(value.get("total")).isEqualTo(39.98);
        assertThat(value.get("paid")).isEqualTo(true);
        assertThat(value.get("note")).isEqualTo("café \"x\"");
        assertThat(value.getStruct("customer").getArray("tags")).containsExactly("a", "b");
        List<Struct> lines = value.getArray("lines");
        assertThat(lines.get(0).get("qty")).isEqualTo(2);
        assertThat(lines.get(0).get("price")).isNull();
        assertThat(lines.get(1).get("price")).isEqualTo(1.5);
    }

    @Test
    void whatIsNotAJsonObjectOrMixesArrayTypesStaysText() {
        assertThat(JsonPayloadExpander.expand("payload", "[1, 2]")).isNull();
        assertThat(JsonPayloadExpander.expand("payload", "\"text\"")).isNull();
        assertThat(JsonPayloadExpander.expand("payload", "not json")).isNull();
        assertThat(JsonPayloadExpander.expand("payload", "{\"a\": 1} trailing")).isNull();
        assertThat(JsonPayloadExpander.expand("payload", "{\"a\": [1, \"x\"]}")).isNull();
        assertThat(JsonPayloadExpander.expand("payload", "{\"a\": [1, 12345678901]}")).isNull();
        assertThat(JsonPayloadExpander.expand("payload", "{\"a\": [{\"b\": 1}, {\"b\": \"x\"}]}")).isNull();
        assertThat(JsonPayloadExpander.expand("payload", "{\"a\": 01}")).isNull();
    }

    @Test
    void nullElementsAreSkippedWhenTypingAnArrayAndKeptAsNulls() {
        Struct value = (Struct) JsonPayloadExpander.expand("payload", "{\"a\": [null, 1, null]}").value();
        assertThat(value.schema().field("a").schema().valueSchema()).isEqualTo(Schema.OPTIONAL_INT32_SCHEMA);
        assertThat(value.getArray("a")).containsExactly(null, 1, null);
    }
}
