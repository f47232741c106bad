package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cqrsconnect.common.values.TimeOfDay;
import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnValues;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * No precision lost, on the wire: a row of every column type the database has is captured through a real Connect
 * cluster (JSON with schemas), read back from the topic and decoded the way our sinks decode it; each value equals
 * what was written. The subclass creates the table ({@link #typesTable}) with the columns it has.
 */
abstract class JdbcSourceValuesContract extends SourceClusterSupport {

    /**
     * Statements that create {@code table} and insert one row with id 1: amount a DECIMAL(30,10) of
     * 12345678901234567890.0123456789, at a timestamp 2024-02-29 23:59:59.123456, born the date 0001-01-01, clock
     * the time {@link #latestTime()}, raw the bytes 00 FF 10; where the database has them, ref the UUID
     * 1b4e28ba-2fa1-11d2-883f-0016d3cca412, doc the JSON {"a":[1,2]} and tags the integer array [1, NULL, 3].
     */
    abstract List<String> typesTable(String table);

    /** The latest time of day the database holds: 24:00:00 where it can. */
    String latestTime() {
        return "24:00:00";
    }

    @Test
    void everyColumnTypeArrivesWithNothingLost() throws Exception {
        String table = table("types");
        execute(typesTable(table).toArray(String[]::new));
        String prefix = prefix("types");
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", "bulk");
        config.put("table.include.list", table);
        config.put("poll.interval.ms", "600000");
        start("types", config);

        Struct value = awaitRecords(topic(prefix, table), 1).get(0).value();

        assertThat(decoded(value, "amount")).isEqualTo(new BigDecimal("12345678901234567890.0123456789"));
        assertThat(decoded(value, "at")).isEqualTo(LocalDateTime.parse("2024-02-29T23:59:59.123456"));
        assertThat(decoded(value, "born")).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(decoded(value, "clock")).isEqualTo(new TimeOfDay(latestTime().equals("24:00:00")
                ? TimeOfDay.NANOS_PER_DAY : LocalTime.parse(latestTime()).toNanoOfDay()));
        assertThat((byte[]) decoded(value, "raw")).containsExactly(0, -1, 16);
        if (has(value, "ref")) {
            assertThat(decoded(value, "ref")).isEqualTo(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca412"));
        }
        if (has(value, "doc")) {
            assertThat(decoded(value, "doc").toString().replace(" ", "")).isEqualTo("{\"a\":[1,2]}");
        }
        if (has(value, "tags")) {
            assertThat(value.get(field(value, "tags"))).isEqualTo(Arrays.asList(1, null, 3));
        }
    }

    private static boolean has(Struct value, String name) {
        return value.schema().fields().stream().anyMatch(field -> field.name().equalsIgnoreCase(name));
    }

    private static Field field(Struct value, String name) {
        return value.schema().fields().stream().filter(field -> field.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name + " in " + value.schema().fields()));
    }

    /** A field's value as our sinks decode it ({@link ColumnValues}). */
    private static Object decoded(Struct value, String name) {
        Field field = field(value, name);
        return ColumnValues.toJdbc(ColumnKind.of(field.schema()), field.schema(), value.get(field));
    }
}
