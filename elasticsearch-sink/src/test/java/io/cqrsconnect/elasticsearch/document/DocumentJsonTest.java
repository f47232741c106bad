package io.cqrsconnect.elasticsearch.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class DocumentJsonTest {

    @Test
    void writesPrimitivesNestedValuesAndLogicalTypes() {
        Schema address = SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA).build();
        Schema schema = SchemaBuilder.struct()
                .field("id", Schema.INT32_SCHEMA)
                .field("name", Schema.STRING_SCHEMA)
                .field("active", Schema.BOOLEAN_SCHEMA)
                .field("score", Schema.FLOAT64_SCHEMA)
                .field("price", Decimal.schema(2))
                .field("born", Date.SCHEMA)
                .field("seen", Timestamp.SCHEMA)
                .field("opens", Time.SCHEMA)
                .field("photo", Schema.BYTES_SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
                .field("address", address)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct struct = new Struct(schema)
                .put("id", 7)
                .put("name", "Ada \"the\" first")
                .put("active", true)
                .put("score", 1.5)
                .put("price", new BigDecimal("12.30"))
                .put("born", new java.util.Date(86_400_000L * 365))
                .put("seen", new java.util.Date(1_700_000_000_123L))
                .put("opens", new java.util.Date(9 * 3_600_000L + 30 * 60_000L))
                .put("photo", new byte[] {1, 2, 3})
                .put("tags", List.of("a", "b"))
                .put("counts", Map.of("x", 1L))
                .put("address", new Struct(address).put("city", "Zürich"))
                .put("note", null);

        String json = new String(DocumentJson.toJson(struct), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"id\":7,\"name\":\"Ada \\\"the\\\" first\",\"active\":true,\"score\":1.5,"
                + "\"price\":12.30,\"born\":\"1971-01-01\",\"seen\":\"2023-11-14T22:13:20.123Z\","
                + "\"opens\":\"09:30:00.000\",\"photo\":\"AQID\",\"tags\":[\"a\",\"b\"],\"counts\":{\"x\":1},"
                + "\"address\":{\"city\":\"Zürich\"},\"note\":null}");
    }
}
