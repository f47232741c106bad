package io.cqrsconnect.elasticsearch.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.values.DebeziumTypes;
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

    @Test
    void writesDebeziumTypesDecodedAtThePrecisionTheirSchemaCarries() {
        Schema variable = SchemaBuilder.struct().name(DebeziumTypes.VARIABLE_SCALE_DECIMAL).optional()
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
        Schema schema = SchemaBuilder.struct()
                .field("day", named(SchemaBuilder.int32(), DebeziumTypes.DATE))
                .field("micros", named(SchemaBuilder.int64(), DebeziumTypes.MICRO_TIMESTAMP))
                .field("nanos", named(SchemaBuilder.int64(), DebeziumTypes.NANO_TIMESTAMP))
                .field("before_epoch", named(SchemaBuilder.int64(), DebeziumTypes.MICRO_TIMESTAMP))
                .field("zoned", named(SchemaBuilder.string(), DebeziumTypes.ZONED_TIMESTAMP))
                .field("end_of_day", named(SchemaBuilder.int64(), DebeziumTypes.MICRO_TIME))
                .field("millis_of_day", named(SchemaBuilder.int32(), DebeziumTypes.TIME))
                .field("uuid", named(SchemaBuilder.string(), DebeziumTypes.UUID))
                .field("tiny", variable)
                .field("year_one", Date.builder().optional().build())
                .build();
        Struct struct = new Struct(schema)
                .put("day", (int) LocalDate.of(2024, 2, 29).toEpochDay())
                .put("micros", 1_709_212_455_123_456L)
                .put("nanos", 1_709_212_455_123_456_789L)
                .put("before_epoch", -1L)
                .put("zoned", "2024-02-29T14:14:15.5+01:00")
                .put("end_of_day", 86_400_000_000L)
                .put("millis_of_day", 1)
                .put("uuid", "3F2B8A1C-9D4E-4F6A-8B7C-1D2E3F4A5B6C")
                .put("tiny", new Struct(variable).put("scale", 50).put("value", new byte[] {-1}))
                .put("year_one", new java.util.Date(LocalDate.of(1, 1, 1).toEpochDay() * 86_400_000L));

        assertThat(new String(DocumentJson.toJson(struct), StandardCharsets.UTF_8)).isEqualTo("{"
                + "\"day\":\"2024-02-29\",\"micros\":\"2024-02-29T13:14:15.123456Z\","
                + "\"nanos\":\"2024-02-29T13:14:15.123456789Z\",\"before_epoch\":\"1969-12-31T23:59:59.999999Z\","
                + "\"zoned\":\"2024-02-29T14:14:15.5+01:00\",\"end_of_day\":\"24:00:00.000000\","
                + "\"millis_of_day\":\"00:00:00.001\",\"uuid\":\"3f2b8a1c-9d4e-4f6a-8b7c-1d2e3f4a5b6c\","
                + "\"tiny\":-0." + "0".repeat(49) + "1,\"year_one\":\"0001-01-01\"}");
    }

    @Test
    void aTimestampPastTheYear9999IsWrittenAsEpochMilliseconds() {
        Schema schema = SchemaBuilder.struct().field("at", Timestamp.SCHEMA).build();
        long millis = LocalDateTime.of(10_000, 1, 1, 0, 0, 0, 5_000_000).toInstant(ZoneOffset.UTC).toEpochMilli();

        assertThat(new String(DocumentJson.toJson(new Struct(schema).put("at", new java.util.Date(millis))),
                StandardCharsets.UTF_8)).isEqualTo("{\"at\":" + millis + "}");
    }

    @Test
    void aValueWithNoJsonFormNamesItsField() {
        Schema address = SchemaBuilder.struct().field("lat", Schema.FLOAT64_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().field("address", address)
                .field("late", named(SchemaBuilder.int64(), DebeziumTypes.MICRO_TIME)).build();
        Struct nan = new Struct(schema).put("address", new Struct(address).put("lat", Double.NaN))
                .put("late", 0L);
        Struct pastMidnight = new Struct(schema).put("address", new Struct(address).put("lat", 1.0))
                .put("late", 86_400_000_001L);

        assertThatThrownBy(() -> DocumentJson.toJson(nan)).isInstanceOfSatisfying(FieldValueException.class,
                e -> assertThat(e.field()).isEqualTo("address.lat"))
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> DocumentJson.toJson(pastMidnight)).isInstanceOfSatisfying(
                FieldValueException.class, e -> assertThat(e.field()).isEqualTo("late"))
                .hasMessageContaining("not a time of day");
    }

    private static Schema named(SchemaBuilder builder, String name) {
        return builder.name(name).optional().build();
    }
}
