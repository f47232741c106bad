package io.cqrsconnect.elasticsearch.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.FieldSelection;
import io.cqrsconnect.common.event.SchemalessStructs;
import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.elasticsearch.config.DecimalMapping;
import io.cqrsconnect.elasticsearch.config.StringMapping;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class SchemaMappingsTest {

    private final ObjectMapper json = new ObjectMapper();

    /** Integers and floats take the widest type of their kind: an index cannot widen a field in place. */
    @Test
    void mapsEveryConnectTypeAsDocumentJsonWritesIt() throws Exception {
        Schema address = SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA)
                .field("code", Schema.STRING_SCHEMA).build();
        Schema schema = SchemaBuilder.struct()
                .field("id", Schema.INT64_SCHEMA)
                .field("rank", Schema.INT32_SCHEMA)
                .field("score", Schema.FLOAT64_SCHEMA)
                .field("ratio", Schema.FLOAT32_SCHEMA)
                .field("level", Schema.INT8_SCHEMA)
                .field("active", Schema.BOOLEAN_SCHEMA)
                .field("price", Decimal.schema(2))
                .field("born", Date.SCHEMA)
                .field("seen", Timestamp.SCHEMA)
                .field("opens", Time.SCHEMA)
                .field("photo", Schema.BYTES_SCHEMA)
                .field("name", Schema.STRING_SCHEMA)
                .field("status", Schema.STRING_SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
                .field("address", address)
                .field("unknown", SchemaBuilder.string().optional().name(SchemalessStructs.NULL_TYPE).build())
                .build();
        SchemaMappings mappings = new SchemaMappings(StringMapping.TEXT_AND_KEYWORD, DecimalMapping.SCALED_FLOAT,
                Set.of("status", "address.code"),
                Set.of("tags"), FieldSelection.all());

        Map<String, Object> properties = mappings.properties(schema);

        assertThat((Object) json.valueToTree(properties)).isEqualTo(json.readTree("""
                {"id":{"type":"long"},"rank":{"type":"long"},"score":{"type":"double"},"ratio":{"type":"double"},
                 "level":{"type":"long"},
                 "active":{"type":"boolean"},"price":{"type":"scaled_float","scaling_factor":100.0},
                 "born":{"type":"date","format":"strict_date"},
                 "seen":{"type":"date","format":"strict_date_optional_time||epoch_millis"},
                 "opens":{"type":"keyword"},
                 "photo":{"type":"binary"},
                 "name":{"type":"text","fields":{"keyword":{"type":"keyword","ignore_above":256}}},
                 "status":{"type":"keyword"},
                 "tags":{"type":"text"},
                 "attributes":{"type":"object","dynamic":true},
                 "address":{"properties":{"city":{"type":"text","fields":{"keyword":{"type":"keyword",
                   "ignore_above":256}}},"code":{"type":"keyword"}}}}
                """));
    }

    @Test
    void decimalsCanBeDoublesOrKeywords() {
        Schema schema = SchemaBuilder.struct().field("amount", Decimal.schema(2)).build();

        assertThat(new SchemaMappings(StringMapping.TEXT, DecimalMapping.DOUBLE, Set.of(), Set.of(),
                FieldSelection.all()).properties(schema)).isEqualTo(Map.of("amount", Map.of("type", "double")));
        assertThat(new SchemaMappings(StringMapping.TEXT, DecimalMapping.KEYWORD, Set.of(), Set.of(),
                FieldSelection.all()).properties(schema)).isEqualTo(Map.of("amount", Map.of("type", "keyword")));
    }

    @Test
    void mapsDebeziumTypesAsTheirConnectCounterparts() throws Exception {
        Schema variable = SchemaBuilder.struct().name(DebeziumTypes.VARIABLE_SCALE_DECIMAL)
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
        Schema schema = SchemaBuilder.struct()
                .field("day", SchemaBuilder.int32().name(DebeziumTypes.DATE).build())
                .field("micros", SchemaBuilder.int64().name(DebeziumTypes.MICRO_TIMESTAMP).build())
                .field("nanos", SchemaBuilder.int64().name(DebeziumTypes.NANO_TIMESTAMP).build())
                .field("zoned", SchemaBuilder.string().name(DebeziumTypes.ZONED_TIMESTAMP).build())
                .field("opens", SchemaBuilder.int64().name(DebeziumTypes.MICRO_TIME).build())
                .field("uuid", SchemaBuilder.string().name(DebeziumTypes.UUID).build())
                .field("doc", SchemaBuilder.string().name(DebeziumTypes.JSON).build())
                .field("amount", variable)
                .build();

        Map<String, Object> properties = new SchemaMappings(StringMapping.TEXT, DecimalMapping.SCALED_FLOAT,
                Set.of(), Set.of(), FieldSelection.all()).properties(schema);

        assertThat((Object) json.valueToTree(properties)).isEqualTo(json.readTree("""
                {"day":{"type":"date","format":"strict_date"},
                 "micros":{"type":"date","format":"strict_date_optional_time||epoch_millis"},
                 "nanos":{"type":"date","format":"strict_date_optional_time||epoch_millis"},
                 "zoned":{"type":"date","format":"strict_date_optional_time||epoch_millis"},
                 "opens":{"type":"keyword"},"uuid":{"type":"keyword"},"doc":{"type":"text"},
                 "amount":{"type":"double"}}
                """));
    }

    @Test
    void anExcludedFieldIsNotMappedAndARenamedOneIsMappedUnderItsNewName() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("secret", Schema.STRING_SCHEMA)
                .field("cust_name", Schema.STRING_SCHEMA).build();
        ConfigProblems problems = new ConfigProblems();
        FieldSelection fields = FieldSelection.of(List.of(), List.of("secret"), List.of("cust_name:customer"),
                problems);

        // keyword fields name the document's fields, after renaming
        Map<String, Object> properties = new SchemaMappings(StringMapping.TEXT, DecimalMapping.DOUBLE,
                Set.of("customer"), Set.of(), fields).properties(schema);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(properties).containsOnlyKeys("id", "customer")
                .containsEntry("customer", Map.of("type", "keyword"));
    }
}
