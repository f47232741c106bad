package io.cqrsconnect.jdbc.sink.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEventReader;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.dialect.MySqlDialect;
import io.cqrsconnect.jdbc.common.dialect.PostgreSqlDialect;
import io.cqrsconnect.jdbc.common.dialect.SqliteDialect;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** How the mapper names tables and columns by a database's identifier rules, and what it refuses. */
class RecordMapperNamesTest {

    private static final IdentifierRules POSTGRES = new PostgreSqlDialect().identifierRules();
    private static final IdentifierRules MARIADB = new MySqlDialect().identifierRules();
    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();

    private final ChangeEventReader reader = new ChangeEventReader();

    private static RecordMapper mapper(IdentifierRules rules, String... pairs) {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", "jdbc:h2:mem:x");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return new RecordMapper(new JdbcSinkConnectorConfig(config), rules::sanitizeTableName, rules);
    }

    /** A record with a key {@code id} and a value of the id and one optional string field per name. */
    private SinkRow map(RecordMapper mapper, String topic, long offset, String... fields) {
        SchemaBuilder builder = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA);
        for (String field : fields) {
            builder.field(field, Schema.OPTIONAL_STRING_SCHEMA);
        }
        Schema schema = builder.build();
        Struct value = new Struct(schema).put("id", 1L);
        for (String field : fields) {
            value.put(field, "v");
        }
        SinkRecord record = new SinkRecord(topic, 0, KEY, new Struct(KEY).put("id", 1L), schema, value, offset);
        return mapper.map(reader.read(record).orElseThrow());
    }

    @Test
    void topicsSharingTheirFirst63BytesGoToDifferentTables() {
        RecordMapper mapper = mapper(POSTGRES);
        String prefix = "p".repeat(63);
        String first = map(mapper, prefix + "_orders", 0).table();
        String second = map(mapper, prefix + "_customers", 0).table();
        assertThat(first).isNotEqualTo(second).startsWith("p".repeat(54) + "_").hasSize(63);
        assertThat(map(mapper(POSTGRES), prefix + "_orders", 5).table()).isEqualTo(first);
    }

    @Test
    void twoTopicsThatSanitizeToOneTableAreNotMerged() {
        RecordMapper mapper = mapper(POSTGRES);
        assertThat(map(mapper, "shop.orders", 0).table()).isEqualTo("shop_orders");
        assertThatThrownBy(() -> map(mapper, "shop_orders", 3))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("topic 'shop_orders' partition 0 offset 3")
                .hasMessageContaining("table.name.format")
                .hasMessageContaining("'shop.orders' is already written to that table");
        assertThat(map(mapper, "shop.orders", 1).table()).isEqualTo("shop_orders");
    }

    @Test
    void topicsDifferingOnlyInCaseAreRefusedRatherThanFoundAsOneTable() {
        for (IdentifierRules rules : new IdentifierRules[] {POSTGRES, MARIADB, new SqliteDialect().identifierRules()}) {
            RecordMapper mapper = mapper(rules);
            assertThat(map(mapper, "Orders", 0).table()).isEqualTo("Orders");
            assertThatThrownBy(() -> map(mapper, "orders", 0)).isInstanceOf(BadRecordException.class)
                    .hasMessageContaining("'Orders' is already written to that table");
        }
    }

    @Test
    void aLongReadModelKeepsItsGenerationSuffixWithinTheLimit() {
        String topic = "q".repeat(60);
        String physical = map(mapper(POSTGRES, "read.model.generation", "2"), topic, 0).table();
        assertThat(physical).endsWith("__g2").hasSizeLessThanOrEqualTo(63);
        assertThat(io.cqrsconnect.common.readmodel.ReadModelGeneration.parse(physical).orElseThrow().logicalName())
                .matches("q{41}_[0-9a-f]{8}");
        assertThat(map(mapper(POSTGRES, "read.model.generation", "2"), "orders", 0).table()).isEqualTo("orders__g2");
    }

    @Test
    void anEmptyTableNameIsABadRecord() {
        assertThatThrownBy(() -> map(mapper(POSTGRES, "table.name.format", "${topic[9]}x"), "orders", 0))
                .isInstanceOf(BadRecordException.class);
    }

    @Test
    void longFieldNamesBecomeDistinctStableColumns() {
        String common = "a_field_name_that_goes_on_and_on_".repeat(2);
        SinkRow row = map(mapper(POSTGRES), "orders", 0, common + "first", common + "second");
        assertThat(row.layout().specs()).extracting(ColumnSpec::name).satisfies(names -> {
            assertThat(names.get(1)).isNotEqualTo(names.get(2)).matches(".{54}_[0-9a-f]{8}");
            assertThat(names.get(2)).isEqualTo(POSTGRES.columnName(common + "second"));
        });
    }

    @Test
    void fieldsDifferingOnlyInCaseAreABadRecordOnMariaDbAndTwoColumnsElsewhere() {
        assertThatThrownBy(() -> map(mapper(MARIADB), "orders", 4, "Name", "name"))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("field 'name'")
                .hasMessageContaining("'Name'").hasMessageContaining("field.renames")
                .hasMessageContaining("ignore case");
        assertThat(map(mapper(POSTGRES), "orders", 4, "Name", "name").layout().specs()).hasSize(3);
        assertThat(map(mapper(MARIADB, "field.renames", "Name:name_2"), "orders", 4, "Name", "name")
                .layout().specs()).extracting(ColumnSpec::name).containsExactly("id", "name_2", "name");
    }

    @Test
    void anEmojiFieldNameIsABadRecordOnMariaDbOnly() {
        assertThatThrownBy(() -> map(mapper(MARIADB), "orders", 2, "price_😀"))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("field 'price_😀'")
                .hasMessageContaining("U+1F600").hasMessageContaining("field.renames");
        assertThat(map(mapper(POSTGRES), "orders", 2, "price_😀").layout().specs()).extracting(ColumnSpec::name)
                .contains("price_😀");
        assertThat(map(mapper(MARIADB, "field.renames", "price_😀:price"), "orders", 2, "price_😀").layout()
                .specs()).extracting(ColumnSpec::name).contains("price");
    }

    @Test
    void aFlattenedFieldAndATopLevelFieldOfOneNameAreABadRecordNotADroppedColumn() {
        Schema address = SchemaBuilder.struct().optional().field("city", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("address", address)
                .field("address_city", Schema.OPTIONAL_STRING_SCHEMA).build();
        Struct value = new Struct(schema).put("id", 1L).put("address", new Struct(address).put("city", "Bern"))
                .put("address_city", "Basel");
        SinkRecord record = new SinkRecord("orders", 0, KEY, new Struct(KEY).put("id", 1L), schema, value, 8);
        RecordMapper mapper = mapper(POSTGRES, "nested.mode", "flatten", "nested.separator", "_");
        assertThatThrownBy(() -> mapper.map(reader.read(record).orElseThrow()))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("field 'address_city'")
                .hasMessageContaining("column 'address_city'").hasMessageContaining("field.renames");
    }

    @Test
    void aFieldRenamedOntoAnotherFieldsColumnIsABadRecord() {
        // two fields renamed to one name are refused with the configuration (JdbcSinkConnectorConfigTest); a rename
        // onto a field the record also has shows only with the record
        assertThatThrownBy(() -> map(mapper(POSTGRES, "field.renames", "a:b"), "orders", 1, "a", "b"))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("field 'b'")
                .hasMessageContaining("and so would field 'a'");
    }
}
