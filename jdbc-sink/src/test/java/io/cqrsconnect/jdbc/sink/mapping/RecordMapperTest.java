package io.cqrsconnect.jdbc.sink.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEventReader;
import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordMapperTest {

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema ADDRESS = SchemaBuilder.struct().optional().field("city", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA).field("version", Schema.INT64_SCHEMA)
            .field("address", ADDRESS).build();

    private final ChangeEventReader reader = new ChangeEventReader();

    private static RecordMapper mapper(String... pairs) {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", "jdbc:h2:mem:x");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return new RecordMapper(new JdbcSinkConnectorConfig(config), IdentifierRules.ANSI::sanitizeTableName,
                IdentifierRules.ANSI);
    }

    private static SinkRecord record(String topic, long offset, Long id, boolean tombstone) {
        Struct key = id == null ? null : new Struct(KEY).put("id", id);
        Struct value = tombstone ? null : new Struct(VALUE).put("id", id == null ? 0L : id).put("name", "Ada")
                .put("version", 3L).put("address", new Struct(ADDRESS).put("city", "Bern"));
        return new SinkRecord(topic, 2, id == null ? null : KEY, key, tombstone ? null : VALUE, value, offset);
    }

    private SinkRow map(RecordMapper mapper, SinkRecord record) {
        return mapper.map(reader.read(record).orElseThrow());
    }

    @Test
    void takesTheKeyFromTheRecordKeyAndKeepsNestedStructsAsJson() {
        SinkRow row = map(mapper(), record("shop.orders", 0, 7L, false));
        assertThat(row.table()).isEqualTo("shop_orders");
        assertThat(row.layout().specs()).extracting(ColumnSpec::name)
                .containsExactly("id", "name", "version", "address");
        assertThat(row.layout().keyColumns()).containsExactly("id");
        assertThat(row.values()).containsExactly(7L, "Ada", 3L, "{\"city\":\"Bern\",\"zip\":null}");
    }

    @Test
    void aTombstoneWithNoKnownSourceIsSkippedWhenTheTableNeedsTheSourceTable() {
        // the first record after a restart: its Debezium delete event was already written and committed
        assertThat(map(mapper("table.name.format", "${source.table}"), record("srv.shop.orders", 9, 7L, true)))
                .isNull();
        // an upsert with no source still fails, naming the template setting
        assertThatThrownBy(() -> map(mapper("table.name.format", "${source.table}"),
                record("srv.shop.orders", 9, 7L, false)))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("table.name.format");
    }

    @Test
    void flattensFiltersAndRenames() {
        SinkRow row = map(mapper("nested.mode", "flatten", "nested.separator", "__", "field.exclude.list",
                "version,address__zip", "field.renames", "name:customer,address__city:city"),
                record("orders", 0, 7L, false));
        assertThat(row.layout().specs()).extracting(ColumnSpec::name).containsExactly("id", "customer", "city");
        assertThat(row.values()).containsExactly(7L, "Ada", "Bern");
    }

    @Test
    void includeNamesAFlattenedFieldAloneOrWithItsStruct() {
        SinkRow alone = map(mapper("nested.mode", "flatten", "nested.separator", "__", "field.include.list",
                "address__city"), record("orders", 0, 7L, false));
        assertThat(alone.layout().specs()).extracting(ColumnSpec::name).containsExactly("id", "address__city");

        SinkRow struct = map(mapper("nested.mode", "flatten", "field.include.list", "name,address"),
                record("orders", 0, 7L, false));
        assertThat(struct.layout().specs()).extracting(ColumnSpec::name).containsExactly("id", "name",
                "address_city", "address_zip");
    }

    @Test
    void keysFromValueFieldsOrKafkaCoordinates() {
        SinkRow byValue = map(mapper("pk.mode", "record_value", "pk.fields", "name"), record("t", 0, 7L, false));
        assertThat(byValue.layout().keyColumns()).containsExactly("name");
        assertThat(byValue.key()).containsExactly("Ada");

        SinkRow byKafka = map(mapper("pk.mode", "kafka", "delete.enabled", "false", "insert.mode", "insert"),
                record("t", 41, 7L, false));
        assertThat(byKafka.layout().keyColumns()).containsExactly("__connect_topic", "__connect_partition",
                "__connect_offset");
        assertThat(byKafka.key()).containsExactly("t", 2, 41L);
    }

    @Test
    void arraysOfPrimitivesStayListsMarkedNativeUnlessArrayModeIsJson() {
        Schema value = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build()).build();
        SinkRecord record = new SinkRecord("t", 0, KEY, new Struct(KEY).put("id", 1L), value,
                new Struct(value).put("id", 1L).put("tags", List.of("a", "b")), 0);
        SinkRow nativeRow = map(mapper(), record);
        assertThat(nativeRow.layout().specs().get(1).kind()).isEqualTo(ColumnKind.ARRAY);
        assertThat(nativeRow.values()[1]).isEqualTo(List.of("a", "b"));
        assertThat(map(mapper("array.mode", "json"), record).layout().specs().get(1).kind())
                .isEqualTo(ColumnKind.JSON);
        assertThatThrownBy(() -> mapper("array.mode", "jsonb")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("array.mode");
    }

    @Test
    void aTombstoneDeletesByKeyOrIsSkippedWhenDeletesAreOff() {
        SinkRow delete = map(mapper(), record("t", 3, 7L, true));
        assertThat(delete.operation()).isEqualTo(Operation.DELETE);
        assertThat(delete.values()).containsExactly(7L);
        assertThat(map(mapper("delete.enabled", "false"), record("t", 3, 7L, true))).isNull();
    }

    @Test
    void theVersionGuardAddsTheOffsetColumnOrUsesTheField() {
        SinkRow byOffset = map(mapper("version.mode", "kafka_offset"), record("t", 99, 7L, false));
        assertThat(byOffset.layout().versionColumn()).isEqualTo("__kafka_offset");
        assertThat(byOffset.values()[byOffset.layout().versionPosition()]).isEqualTo(99L);
        SinkRow guardedDelete = map(mapper("version.mode", "kafka_offset"), record("t", 100, 7L, true));
        assertThat(guardedDelete.values()).containsExactly(7L, 100L);

        SinkRow byField = map(mapper("version.mode", "field", "version.field", "version"),
                record("t", 0, 7L, false));
        assertThat(byField.layout().versionColumn()).isEqualTo("version");
    }

    @Test
    void aRecordWithoutWhatTheConfigNeedsIsABadRecordNamingTheKey() {
        assertThatThrownBy(() -> map(mapper(), record("t", 5, null, false)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("offset 5").hasMessageContaining("pk.mode");
        assertThatThrownBy(() -> map(mapper("version.mode", "field", "version.field", "revision"),
                record("t", 6, 1L, false)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("revision").hasMessageContaining("version.field");
        assertThatThrownBy(() -> map(mapper("pk.mode", "record_value", "pk.fields", "sku"),
                record("t", 8, 1L, false)))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("sku").hasMessageContaining("pk.fields");
    }

    @Test
    void eachRecordIsRoutedByItsOwnTopicWhenTopicsAlternate() {
        RecordMapper mapper = mapper("table.name.format", "rm_${topic}");
        assertThat(List.of(record("orders", 0, 1L, false), record("orders", 1, 2L, false),
                record("customers", 0, 3L, false), record("orders", 2, 4L, false), record("customers", 1, 5L, true)))
                .extracting(record -> map(mapper, record).table())
                .containsExactly("rm_orders", "rm_orders", "rm_customers", "rm_orders", "rm_customers");
    }

    @Test
    void eachDebeziumEventIsRoutedByItsOwnSourceTableOnOneTopic() {
        RecordMapper mapper = mapper("table.name.format", "${source.table}", "read.model.generation", "2");
        assertThat(List.of(envelope("orders", 0), envelope("order_lines", 1), envelope("orders", 2)))
                .extracting(record -> map(mapper, record).table())
                .containsExactly("orders__g2", "order_lines__g2", "orders__g2");
    }

    /** A Debezium create event of {@code table} (only what the mapper reads), on one topic for every table. */
    private static SinkRecord envelope(String table, long offset) {
        Schema source = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("schema", Schema.STRING_SCHEMA)
                .field("table", Schema.STRING_SCHEMA).build();
        Schema envelope = SchemaBuilder.struct().field("before", SchemaBuilder.struct().optional().build())
                .field("after", VALUE).field("source", source).field("op", Schema.STRING_SCHEMA).build();
        Struct after = new Struct(VALUE).put("id", offset).put("name", "Ada").put("version", 1L)
                .put("address", new Struct(ADDRESS).put("city", "Bern"));
        Struct value = new Struct(envelope).put("after", after).put("op", "c")
                .put("source", new Struct(source).put("db", "shop").put("schema", "public").put("table", table));
        return new SinkRecord("srv.all", 0, KEY, new Struct(KEY).put("id", offset), envelope, value, offset);
    }
}
