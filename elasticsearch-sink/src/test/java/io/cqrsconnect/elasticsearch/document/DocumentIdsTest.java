package io.cqrsconnect.elasticsearch.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.ChangeEventReader;
import io.cqrsconnect.elasticsearch.config.IdStrategy;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {

    private static final Schema VALUE = SchemaBuilder.struct().field("tenant", Schema.STRING_SCHEMA)
            .field("number", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema COMPOSITE_KEY = SchemaBuilder.struct().field("tenant", Schema.STRING_SCHEMA)
            .field("number", Schema.INT64_SCHEMA).build();

    private static ChangeEvent event(Schema keySchema, Object key, Struct value) {
        return new ChangeEventReader().read(new SinkRecord("orders", 2, keySchema, key,
                value == null ? null : value.schema(), value, 41)).orElseThrow();
    }

    private static Struct value(String tenant, long number) {
        return new Struct(VALUE).put("tenant", tenant).put("number", number).put("name", "n");
    }

    private final DocumentIds byKey = new DocumentIds(IdStrategy.RECORD_KEY, List.of());

    @Test
    void primitiveKeysAreTheirText() {
        assertThat(byKey.idFor(event(Schema.INT64_SCHEMA, 42L, value("a", 1)))).isEqualTo("42");
        assertThat(byKey.idFor(event(Schema.STRING_SCHEMA, "abc", value("a", 1)))).isEqualTo("abc");
    }

    @Test
    void aSingleFieldStructKeyIsItsValue() {
        Schema keySchema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();

        assertThat(byKey.idFor(event(keySchema, new Struct(keySchema).put("id", 7), value("a", 1)))).isEqualTo("7");
    }

    @Test
    void compositeKeysJoinFieldsWithEscaping() {
        Struct plain = new Struct(COMPOSITE_KEY).put("tenant", "acme").put("number", 5L);
        Struct tricky = new Struct(COMPOSITE_KEY).put("tenant", "a|b\\c").put("number", 5L);

        assertThat(byKey.idFor(event(COMPOSITE_KEY, plain, value("a", 1)))).isEqualTo("acme|5");
        assertThat(byKey.idFor(event(COMPOSITE_KEY, tricky, value("a", 1)))).isEqualTo("a\\|b\\\\c|5");
    }

    @Test
    void differentCompositeKeysNeverShareAnId() {
        Schema twoStrings = SchemaBuilder.struct().field("a", Schema.OPTIONAL_STRING_SCHEMA)
                .field("b", Schema.OPTIONAL_STRING_SCHEMA).build();
        String first = byKey.idFor(event(twoStrings, new Struct(twoStrings).put("a", "x|").put("b", "y"),
                value("a", 1)));
        String second = byKey.idFor(event(twoStrings, new Struct(twoStrings).put("a", "x").put("b", "|y"),
                value("a", 1)));
        String withNull = byKey.idFor(event(twoStrings, new Struct(twoStrings).put("a", null).put("b", "y"),
                value("a", 1)));
        String literalNullMark = byKey.idFor(event(twoStrings, new Struct(twoStrings).put("a", "\\N").put("b", "y"),
                value("a", 1)));

        assertThat(List.of(first, second, withNull, literalNullMark)).doesNotHaveDuplicates();
    }

    @Test
    void schemalessMapKeysTakeTheirFieldsInNameOrder() {
        java.util.LinkedHashMap<String, Object> mapKey = new java.util.LinkedHashMap<>();
        mapKey.put("tenant", "acme");
        mapKey.put("number", 5L);
        java.util.LinkedHashMap<String, Object> reordered = new java.util.LinkedHashMap<>();
        reordered.put("number", 5L);
        reordered.put("tenant", "acme");

        assertThat(byKey.idFor(event(null, mapKey, value("a", 1)))).isEqualTo("number=5|tenant=acme");
        assertThat(byKey.idFor(event(null, reordered, value("a", 1)))).isEqualTo("number=5|tenant=acme");
        assertThat(byKey.idFor(event(null, Map.of("id", 7L), value("a", 1)))).isEqualTo("7");
    }

    @Test
    void valueFieldsAndCoordinates() {
        DocumentIds byFields = new DocumentIds(IdStrategy.RECORD_VALUE, List.of("tenant", "number"));
        DocumentIds byCoordinates = new DocumentIds(IdStrategy.KAFKA, List.of());

        assertThat(byFields.idFor(event(null, null, value("acme", 9)))).isEqualTo("acme|9");
        assertThat(byCoordinates.idFor(event(null, null, value("acme", 9)))).isEqualTo("orders|2|41");
    }

    @Test
    void missingKeyOrFieldNamesTheRecordAndTheSetting() {
        assertThatThrownBy(() -> byKey.idFor(event(null, null, value("a", 1))))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("topic 'orders' partition 2 offset 41")
                .hasMessageContaining("pk.mode");

        DocumentIds byFields = new DocumentIds(IdStrategy.RECORD_VALUE, List.of("customer"));
        assertThatThrownBy(() -> byFields.idFor(event(null, null, value("a", 1))))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("field 'customer'")
                .hasMessageContaining("pk.fields");
    }

    @Test
    void tooLongIdsAreBadRecords() {
        assertThatThrownBy(() -> byKey.idFor(event(Schema.STRING_SCHEMA, "x".repeat(513), value("a", 1))))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("512 bytes");
    }

    @Test
    void mapsRenderSortedSoIterationOrderDoesNotMatter() {
        Schema mapSchema = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build();
        assertThat(DocumentIds.render(mapSchema, new java.util.TreeMap<>(Map.of("b", 2, "a", 1))))
                .isEqualTo(DocumentIds.render(mapSchema, new java.util.LinkedHashMap<>(Map.of("a", 1, "b", 2))));
    }
}
