package io.cqrsconnect.common.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class LogicalValuesTest {

    private static final Schema MICRO_TIME = SchemaBuilder.int64().name(DebeziumTypes.MICRO_TIME).build();
    private static final Schema NANO_TIME = SchemaBuilder.int64().name(DebeziumTypes.NANO_TIME).build();
    private static final Schema MILLI_TIME = SchemaBuilder.int32().name(DebeziumTypes.TIME).build();
    private static final Schema MICRO_TIMESTAMP = SchemaBuilder.int64().name(DebeziumTypes.MICRO_TIMESTAMP).build();
    private static final Schema NANO_TIMESTAMP = SchemaBuilder.int64().name(DebeziumTypes.NANO_TIMESTAMP).build();
    private static final Schema VARIABLE = SchemaBuilder.struct().name(DebeziumTypes.VARIABLE_SCALE_DECIMAL)
            .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();

    @Test
    void connectAndDebeziumNamesShareOneLogicalType() {
        assertThat(LogicalType.of(Date.SCHEMA)).isEqualTo(LogicalType.DATE);
        assertThat(LogicalType.of(SchemaBuilder.int32().name(DebeziumTypes.DATE).build()))
                .isEqualTo(LogicalType.DATE);
        assertThat(LogicalType.of(Time.SCHEMA)).isEqualTo(LogicalType.TIME);
        assertThat(LogicalType.of(NANO_TIME)).isEqualTo(LogicalType.TIME);
        assertThat(LogicalType.of(Timestamp.SCHEMA)).isEqualTo(LogicalType.TIMESTAMP);
        assertThat(LogicalType.of(MICRO_TIMESTAMP)).isEqualTo(LogicalType.TIMESTAMP);
        assertThat(LogicalType.of(Decimal.schema(2))).isEqualTo(LogicalType.DECIMAL);
        assertThat(LogicalType.of(VARIABLE)).isEqualTo(LogicalType.VARIABLE_DECIMAL);
        assertThat(LogicalType.of(SchemaBuilder.string().name("io.debezium.data.Enum").build()))
                .isEqualTo(LogicalType.NONE);
        assertThat(LogicalType.of(Schema.INT64_SCHEMA)).isEqualTo(LogicalType.NONE);
        assertThat(LogicalType.fractionDigits(Timestamp.SCHEMA)).isEqualTo(3);
        assertThat(LogicalType.fractionDigits(MICRO_TIME)).isEqualTo(6);
        assertThat(LogicalType.fractionDigits(NANO_TIMESTAMP)).isEqualTo(9);
    }

    @Test
    void theEndOfTheDayIsATimeOfDay() {
        TimeOfDay end = LogicalValues.time(MICRO_TIME, 86_400_000_000L);

        assertThat(end.isEndOfDay()).isTrue();
        assertThat(end.format(6)).isEqualTo("24:00:00.000000");
        assertThat(LogicalValues.time(NANO_TIME, TimeOfDay.NANOS_PER_DAY)).isEqualTo(end);
        assertThat(LogicalValues.time(MILLI_TIME, 86_400_000)).isEqualTo(end);
        assertThatThrownBy(end::toLocalTime).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void timesOfDayKeepTheirFractionsAndRefuseDurationsOutsideTheDay() {
        TimeOfDay time = LogicalValues.time(MICRO_TIME, 3_723_000_456L);

        assertThat(time.format(6)).isEqualTo("01:02:03.000456");
        assertThat(time.format(0)).isEqualTo("01:02:03");
        assertThat(time.toLocalTime().toNanoOfDay()).isEqualTo(3_723_000_456_000L);
        assertThat(LogicalValues.time(Time.SCHEMA, new java.util.Date(1_500)).format(3)).isEqualTo("00:00:01.500");
        assertThatThrownBy(() -> LogicalValues.time(MICRO_TIME, -1L))
                .isInstanceOf(DataException.class).hasMessageContaining("not a time of day");
        assertThatThrownBy(() -> LogicalValues.time(MICRO_TIME, 86_400_000_001L))
                .isInstanceOf(DataException.class).hasMessageContaining("86400000000");
    }

    @Test
    void timestampsBeforeTheEpochKeepTheirFractionPositive() {
        assertThat(LogicalValues.timestamp(MICRO_TIMESTAMP, -1L))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(LogicalValues.timestamp(NANO_TIMESTAMP, -1L))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999));
        assertThat(LogicalValues.timestamp(Timestamp.SCHEMA, new java.util.Date(-1L)))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000));
        LocalDateTime year1 = LocalDateTime.of(1, 1, 1, 0, 0);
        assertThat(LogicalValues.timestamp(MICRO_TIMESTAMP, year1.toEpochSecond(ZoneOffset.UTC) * 1_000_000L))
                .isEqualTo(year1);
    }

    @Test
    void datesFromConnectAndDebeziumAgree() {
        LocalDate gregorianStart = LocalDate.of(1582, 10, 15);
        java.util.Date connect = new java.util.Date(gregorianStart.toEpochDay() * 86_400_000L);

        assertThat(LogicalValues.date(connect)).isEqualTo(gregorianStart);
        assertThat(LogicalValues.date((int) gregorianStart.toEpochDay())).isEqualTo(gregorianStart);
        assertThat(LogicalValues.date(2_932_896)).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    @Test
    void variableScaleDecimalsZonedTimestampsAndUuidsDecodeOrSayWhyNot() {
        Struct decimal = new Struct(VARIABLE).put("scale", 50)
                .put("value", new BigDecimal("-1.00000000000000000000000000000000000000000000000001")
                        .unscaledValue().toByteArray());

        assertThat(LogicalValues.decode(VARIABLE, decimal))
                .isEqualTo(new BigDecimal("-1.00000000000000000000000000000000000000000000000001"));
        assertThat(LogicalValues.zonedTimestamp("2024-05-01T10:15:30.123456+02:00"))
                .isEqualTo(OffsetDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_000, ZoneOffset.ofHours(2)));
        assertThatThrownBy(() -> LogicalValues.zonedTimestamp("yesterday"))
                .isInstanceOf(DataException.class).hasMessageContaining("'yesterday'");
        assertThatThrownBy(() -> LogicalValues.uuid("not-a-uuid"))
                .isInstanceOf(DataException.class).hasMessageContaining("'not-a-uuid' is not a UUID");
        assertThatThrownBy(() -> LogicalValues.variableScaleDecimal(new Struct(VARIABLE).put("scale", 1)))
                .isInstanceOf(DataException.class);
    }
}
