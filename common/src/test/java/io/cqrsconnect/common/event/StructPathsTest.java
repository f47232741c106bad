package io.cqrsconnect.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class StructPathsTest {

    private static final Schema CUSTOMER = SchemaBuilder.struct().optional()
            .field("id", Schema.INT64_SCHEMA).field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA,
                    Schema.STRING_SCHEMA).optional().build()).build();
    private static final Schema ORDER = SchemaBuilder.struct().field("number", Schema.STRING_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA).field("customer", CUSTOMER).build();

    private static Struct order(Struct customer) {
        return new Struct(ORDER).put("number", "A-1").put("customer", customer);
    }

    @Test
    void findsTopLevelAndNestedFieldsWithTheirSchemas() {
        Struct order = order(new Struct(CUSTOMER).put("id", 7L).put("tags", Map.of("tier", "gold")));

        assertThat(StructPaths.find(order, "number")).isEqualTo(new StructPaths.Lookup(true, Schema.STRING_SCHEMA,
                "A-1"));
        StructPaths.Lookup id = StructPaths.find(order, "customer.id");
        assertThat(id.found()).isTrue();
        assertThat(id.schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(id.value()).isEqualTo(7L);
    }

    @Test
    void aNullFieldIsFoundWithANullValue() {
        StructPaths.Lookup note = StructPaths.find(order(null), "note");

        assertThat(note.found()).isTrue();
        assertThat(note.value()).isNull();
    }

    @Test
    void anUnknownNameANullStructOnTheWayOrAPathThroughAMapIsMissing() {
        Struct order = order(new Struct(CUSTOMER).put("id", 7L).put("tags", Map.of("tier", "gold")));

        assertThat(StructPaths.find(order, "total")).isEqualTo(StructPaths.Lookup.MISSING);
        assertThat(StructPaths.find(order, "customer.name")).isEqualTo(StructPaths.Lookup.MISSING);
        assertThat(StructPaths.find(order, "number.length")).isEqualTo(StructPaths.Lookup.MISSING);
        assertThat(StructPaths.find(order, "customer.tags.tier")).isEqualTo(StructPaths.Lookup.MISSING);
        assertThat(StructPaths.find(order(null), "customer.id")).isEqualTo(StructPaths.Lookup.MISSING);
    }
}
