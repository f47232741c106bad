package io.cqrsconnect.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.record.RecordCoordinates;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ChangeEventReaderTest {

    private static final Schema ROW = SchemaBuilder.struct().name("inventory.customers.Value")
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .optional()
            .build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("db", Schema.STRING_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("inventory.customers.Envelope")
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();

    private final ChangeEventReader reader = new ChangeEventReader();

    @Test
    void aStructIsAnUpsertOfItself() {
        Struct row = row(1, "Ada");
        ChangeEvent event = reader.read(record("customers", 3, 42L, KEY, key(1), ROW, row)).orElseThrow();

        assertThat(event.operation()).isEqualTo(Operation.UPSERT);
        assertThat(event.value()).isEqualTo(row);
        assertThat(event.key()).isEqualTo(key(1));
        assertThat(event.coordinates()).isEqualTo(new RecordCoordinates("customers", 3, 42L));
        assertThat(event.tombstone()).isFalse();
        assertThat(event.source()).isNull();
    }

    @Test
    void aTombstoneIsADeleteByKey() {
        ChangeEvent event = reader.read(record("customers", 0, 7L, KEY, key(1), null, null)).orElseThrow();

        assertThat(event.operation()).isEqualTo(Operation.DELETE);
        assertThat(event.tombstone()).isTrue();
        assertThat(event.value()).isNull();
        assertThat(event.key()).isEqualTo(key(1));
    }

    @Test
    void aTombstoneAfterADebeziumDeleteCarriesTheSourceOfItsTopic() {
        reader.read(record("srv.inventory.customers", 0, 1L, KEY, key(1), ENVELOPE, envelope("d", row(1, "x"), null)));

        ChangeEvent tombstone = reader.read(record("srv.inventory.customers", 0, 2L, KEY, key(1), null, null))
                .orElseThrow();
        ChangeEvent elsewhere = reader.read(record("other", 0, 2L, KEY, key(1), null, null)).orElseThrow();

        assertThat(tombstone.source()).isEqualTo(new SourceInfo("shop", "inventory", "customers"));
        assertThat(elsewhere.source()).isNull();
    }

    @Test
    void debeziumCreatesReadsAndUpdatesUpsertTheAfterImage() {
        for (String op : new String[] {"c", "r", "u"}) {
            Struct envelope = envelope(op, row(1, "old"), row(1, "new"));
            ChangeEvent event = reader.read(record("srv.inventory.customers", 0, 1L, KEY, key(1), ENVELOPE, envelope))
                    .orElseThrow();

            assertThat(event.operation()).as(op).isEqualTo(Operation.UPSERT);
            assertThat(event.value().getString("name")).as(op).isEqualTo("new");
            assertThat(event.source()).isEqualTo(new SourceInfo("shop", "inventory", "customers"));
        }
    }

    @Test
    void aDebeziumDeleteCarriesTheBeforeImage() {
        Struct envelope = envelope("d", row(1, "gone"), null);
        ChangeEvent event = reader.read(record("t", 0, 1L, KEY, key(1), ENVELOPE, envelope)).orElseThrow();

        assertThat(event.operation()).isEqualTo(Operation.DELETE);
        assertThat(event.value().getString("name")).isEqualTo("gone");
        assertThat(event.tombstone()).isFalse();
    }

    @Test
    void debeziumTruncatesAndMessagesHaveNothingToWrite() {
        assertThat(reader.read(record("t", 0, 1L, KEY, key(1), ENVELOPE, envelope("t", null, null)))).isEmpty();
        assertThat(reader.read(record("t", 0, 1L, KEY, key(1), ENVELOPE, envelope("m", null, null)))).isEmpty();
    }

    @Test
    void aSchemalessMapGetsAnInferredStruct() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", 5);
        value.put("name", "Grace");
        ChangeEvent event = reader.read(record("people", 0, 9L, null, Map.of("id", 5), null, value)).orElseThrow();

        assertThat(event.operation()).isEqualTo(Operation.UPSERT);
        assertThat(event.value().getInt64("id")).isEqualTo(5L);
        assertThat(event.value().getString("name")).isEqualTo("Grace");
        assertThat(event.keySchema().field("id").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(((Struct) event.key()).getInt64("id")).isEqualTo(5L);
    }

    @Test
    void aSchemalessDebeziumEnvelopeIsRecognized() {
        Map<String, Object> after = Map.of("id", 1, "name", "new");
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("before", null);
        envelope.put("after", after);
        envelope.put("source", Map.of("db", "shop", "schema", "inventory", "table", "customers"));
        envelope.put("op", "c");

        ChangeEvent event = reader.read(record("t", 0, 1L, null, null, null, envelope)).orElseThrow();

        assertThat(event.operation()).isEqualTo(Operation.UPSERT);
        assertThat(event.value().getString("name")).isEqualTo("new");
        assertThat(event.source().table()).isEqualTo("customers");
    }

    @Test
    void aRewrittenDeleteFromExtractNewRecordStateIsADelete() {
        Schema flattened = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
                .field("__deleted", Schema.OPTIONAL_STRING_SCHEMA).build();
        Struct value = new Struct(flattened).put("id", 1).put("__deleted", "true");

        ChangeEvent event = reader.read(record("t", 0, 1L, KEY, key(1), flattened, value)).orElseThrow();

        assertThat(event.operation()).isEqualTo(Operation.DELETE);
    }

    @Test
    void aBareStringValueIsABadRecordThatNamesTheConverterSetting() {
        assertThatThrownBy(() -> reader.read(record("orders", 2, 1234L, null, null, Schema.STRING_SCHEMA, "x")))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("topic 'orders' partition 2 offset 1234")
                .hasMessageContaining("Config 'value.converter'");
    }

    @Test
    void anUnknownDebeziumOperationNamesTheField() {
        assertThatThrownBy(() -> reader.read(record("t", 0, 5L, KEY, key(1), ENVELOPE, envelope("x", null, null))))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("field 'op'")
                .hasMessageContaining("unknown Debezium operation 'x'");
    }

    @Test
    void aSchemalessFieldWithAnEmptyNameIsABadRecordNotACrash() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("", 2);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", 1);
        value.put("address", nested);

        assertThatThrownBy(() -> reader.read(record("people", 0, 7L, null, null, null, Map.of("", 1))))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("topic 'people' partition 0 offset 7")
                .hasMessageContaining("a field with an empty name")
                .hasMessageContaining("ReplaceField");
        assertThatThrownBy(() -> reader.read(record("people", 0, 8L, null, null, null, value)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("empty name under 'address'");
    }

    @Test
    void coordinatesAreTheOriginalOnesWhenATransformRenamedTheTopic() {
        SinkRecord original = record("orders", 1, 10L, null, null, ROW, row(1, "a"));
        SinkRecord renamed = original.newRecord("renamed", 1, null, null, ROW, row(1, "a"), original.timestamp());

        ChangeEvent event = reader.read(renamed).orElseThrow();

        assertThat(event.topic()).isEqualTo("renamed");
        assertThat(event.coordinates().topic()).isEqualTo("orders");
        assertThat(event.offset()).isEqualTo(10L);
    }

    private static Struct row(int id, String name) {
        return new Struct(ROW).put("id", id).put("name", name);
    }

    private static Struct key(int id) {
        return new Struct(KEY).put("id", id);
    }

    private static Struct envelope(String op, Struct before, Struct after) {
        Struct source = new Struct(SOURCE).put("db", "shop").put("schema", "inventory").put("table", "customers");
        return new Struct(ENVELOPE).put("op", op).put("before", before).put("after", after).put("source", source);
    }

    private static SinkRecord record(String topic, int partition, long offset, Schema keySchema, Object key,
                                     Schema valueSchema, Object value) {
        return new SinkRecord(topic, partition, keySchema, key, valueSchema, value, offset);
    }
}
