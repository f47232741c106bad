package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cqrsconnect.common.event.SchemalessStructs;
import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.common.values.TimeOfDay;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ColumnValuesTest {

    private static Schema named(Schema.Type type, String name) {
        return SchemaBuilder.type(type).name(name).build();
    }

    private static Object convert(Schema schema, Object value) {
        return ColumnValues.toJdbc(ColumnKind.of(schema), schema, value);
    }

    @Test
    void connectLogicalTypesBecomeJavaTimeInUtc() {
        java.util.Date midnight = new java.util.Date(LocalDate.of(2024, 3, 1).toEpochDay() * 86_400_000L);
        assertThat(convert(Date.SCHEMA, midnight)).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(convert(Timestamp.SCHEMA, new java.util.Date(1_700_000_000_123L)))
                .isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_000_000));
        assertThat(convert(org.apache.kafka.connect.data.Time.SCHEMA, new java.util.Date(3_600_000L)))
                .isEqualTo(new TimeOfDay(LocalTime.of(1, 0).toNanoOfDay()));
        assertThat(convert(Decimal.schema(2), new BigDecimal("12.34"))).isEqualTo(new BigDecimal("12.34"));
    }

    @Test
    void debeziumSemanticTypesAreDecoded() {
        assertThat(convert(named(Schema.Type.INT32, DebeziumTypes.DATE), 19_783))
                .isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(convert(named(Schema.Type.INT64, DebeziumTypes.MICRO_TIMESTAMP), 1_700_000_000_123_456L))
                .isEqualTo(LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_000));
        assertThat(convert(named(Schema.Type.INT64, DebeziumTypes.NANO_TIMESTAMP), 1_000_000_001L))
                .isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 1));
        assertThat(convert(named(Schema.Type.INT64, DebeziumTypes.MICRO_TIMESTAMP), -1L))
                .as("before the epoch, the fraction counts forward from the earlier second")
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(convert(Timestamp.SCHEMA, new java.util.Date(-1L)))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000));
        assertThat(convert(named(Schema.Type.INT64, DebeziumTypes.MICRO_TIME), 3_600_000_001L))
                .isEqualTo(new TimeOfDay(LocalTime.of(1, 0, 0, 1_000).toNanoOfDay()));
        assertThat(convert(named(Schema.Type.INT64, DebeziumTypes.MICRO_TIME), 86_400_000_000L))
                .as("PostgreSQL's time '24:00:00'").isEqualTo(new TimeOfDay(TimeOfDay.NANOS_PER_DAY));
        assertThat(convert(named(Schema.Type.STRING, DebeziumTypes.ZONED_TIMESTAMP), "2024-03-01T10:15:30.5+02:00"))
                .isEqualTo(OffsetDateTime.of(2024, 3, 1, 10, 15, 30, 500_000_000, ZoneOffset.ofHours(2)));
        assertThat(convert(named(Schema.Type.STRING, DebeziumTypes.UUID), "1b4e28ba-2fa1-11d2-883f-0016d3cca427"))
                .isEqualTo(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
        assertThat(convert(named(Schema.Type.STRING, DebeziumTypes.JSON), "{\"a\": 1}")).isEqualTo("{\"a\": 1}");

        Schema variable = SchemaBuilder.struct().name(DebeziumTypes.VARIABLE_SCALE_DECIMAL)
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
        Struct decimal = new Struct(variable).put("scale", 3).put("value", BigInteger.valueOf(-12_345).toByteArray());
        assertThat(convert(variable, decimal)).isEqualTo(new BigDecimal("-12.345"));
    }

    @Test
    void nestedValuesBecomeJsonText() {
        Schema inner = SchemaBuilder.struct().field("city", Schema.STRING_SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();
        Struct address = new Struct(inner).put("city", "Zürich \"old\"").put("tags", List.of("a", "b"));
        assertThat(convert(inner, address)).isEqualTo("{\"city\":\"Zürich \\\"old\\\"\",\"tags\":[\"a\",\"b\"]}");
        Schema map = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build();
        assertThat(convert(map, Map.of("n", 1L))).isEqualTo("{\"n\":1}");
    }

    @Test
    void theSchemalessNullTypeIsUnknown() {
        Schema nullType = SchemalessStructs.inferSchema(null);
        assertThat(ColumnKind.of(nullType)).isEqualTo(ColumnKind.UNKNOWN);
        assertThat(convert(nullType, null)).isNull();
    }

    @Test
    void aMalformedZonedTimestampIsADataError() {
        assertThatThrownBy(() -> convert(named(Schema.Type.STRING, DebeziumTypes.ZONED_TIMESTAMP), "yesterday"))
                .isInstanceOf(DataException.class).hasMessageContaining("yesterday");
    }
}
