package io.cqrsconnect.testing.values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cqrsconnect.common.values.DebeziumTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Every Connect and Debezium type (logical types and primitives) at the edges of its range: min and max, zero and
 * negative zero, NaN and infinities, 24:00:00, dates at years 1, 1582 and 9999, instants before the epoch with
 * fractions, decimals of 1 to 60 digits at many scales, empty and 4-byte unicode strings, empty structs, arrays of
 * nulls. Generated tests write each {@link EdgeCase#group() group} through a sink and check that every value is
 * stored and reads back equal, or is dead-lettered with a message, and that no task dies.
 */
public final class EdgeCases {

    /** Decimal digit counts the cases cover, from one digit to past every database's DECIMAL. */
    public static final int[] DECIMAL_DIGITS = {1, 2, 15, 16, 17, 18, 19, 30, 38, 39, 50, 60};

    private EdgeCases() {
    }

    /** Every case, grouped: cases of one group are adjacent and share their schema. */
    public static List<EdgeCase> all() {
        List<EdgeCase> cases = new ArrayList<>();
        integers(cases);
        floats(cases);
        add(cases, "boolean", Schema.OPTIONAL_BOOLEAN_SCHEMA, "true", true, "false", false);
        strings(cases);
        add(cases, "bytes", Schema.OPTIONAL_BYTES_SCHEMA, "empty", new byte[0], "every byte value", everyByte());
        decimals(cases);
        temporals(cases);
        debeziumStrings(cases);
        nested(cases);
        return cases;
    }

    /** The cases by group, in order. */
    public static Map<String, List<EdgeCase>> byGroup() {
        return all().stream().collect(Collectors.groupingBy(EdgeCase::group, LinkedHashMap::new,
                Collectors.toList()));
    }

    private static void integers(List<EdgeCase> cases) {
        add(cases, "int8", Schema.OPTIONAL_INT8_SCHEMA, "min", Byte.MIN_VALUE, "max", Byte.MAX_VALUE, "zero",
                (byte) 0, "minus one", (byte) -1);
        add(cases, "int16", Schema.OPTIONAL_INT16_SCHEMA, "min", Short.MIN_VALUE, "max", Short.MAX_VALUE, "zero",
                (short) 0);
        add(cases, "int32", Schema.OPTIONAL_INT32_SCHEMA, "min", Integer.MIN_VALUE, "max", Integer.MAX_VALUE,
                "zero", 0);
        add(cases, "int64", Schema.OPTIONAL_INT64_SCHEMA, "min", Long.MIN_VALUE, "max", Long.MAX_VALUE, "zero", 0L,
                "past double precision", (1L << 53) + 1);
    }

    private static void floats(List<EdgeCase> cases) {
        add(cases, "float32", Schema.OPTIONAL_FLOAT32_SCHEMA, "max", Float.MAX_VALUE, "lowest", -Float.MAX_VALUE,
                "smallest normal", Float.MIN_NORMAL, "smallest subnormal", Float.MIN_VALUE, "zero", 0.0f,
                "negative zero", -0.0f, "NaN", Float.NaN, "infinity", Float.POSITIVE_INFINITY, "negative infinity",
                Float.NEGATIVE_INFINITY, "a third", 1f / 3);
        add(cases, "float64", Schema.OPTIONAL_FLOAT64_SCHEMA, "max", Double.MAX_VALUE, "lowest", -Double.MAX_VALUE,
                "smallest normal", Double.MIN_NORMAL, "smallest subnormal", Double.MIN_VALUE, "zero", 0.0d,
                "negative zero", -0.0d, "NaN", Double.NaN, "infinity", Double.POSITIVE_INFINITY, "negative infinity",
                Double.NEGATIVE_INFINITY, "a third", 1d / 3);
    }

    private static void strings(List<EdgeCase> cases) {
        add(cases, "string", Schema.OPTIONAL_STRING_SCHEMA, "empty", "", "ascii", "plain",
                "4-byte unicode", "emoji \uD83D\uDE00 and \uD834\uDD1E (G clef)",
                "right-to-left", "\u05E9\u05DC\u05D5\u05DD",
                "quotes and backslashes", "it's \"quoted\" \\ and `ticked`", "newlines and tabs", "a\nb\r\nc\td",
                "NUL character", "before\u0000after", "64 KiB", "x".repeat(65_536));
    }

    private static void decimals(List<EdgeCase> cases) {
        for (int scale : new int[] {0, 2, 10, 30, 50}) {
            Schema schema = Decimal.builder(scale).optional().build();
            List<Object> namesAndValues = new ArrayList<>();
            for (int digits : DECIMAL_DIGITS) {
                if (digits < scale) {
                    continue;
                }
                namesAndValues.add(digits + " digits");
                namesAndValues.add(nines(digits, scale));
                namesAndValues.add("-" + digits + " digits");
                namesAndValues.add(nines(digits, scale).negate());
            }
            namesAndValues.add("zero");
            namesAndValues.add(BigDecimal.ZERO.setScale(scale));
            add(cases, "decimal scale " + scale, schema, namesAndValues.toArray());
        }
        Schema variable = SchemaBuilder.struct().name(DebeziumTypes.VARIABLE_SCALE_DECIMAL).optional()
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
        List<Object> namesAndValues = new ArrayList<>();
        for (int digits : DECIMAL_DIGITS) {
            for (int scale : new int[] {0, digits / 2, digits}) {
                namesAndValues.add(digits + " digits, scale " + scale);
                namesAndValues.add(variableScale(variable, nines(digits, scale)));
            }
        }
        namesAndValues.add("-1e-50");
        namesAndValues.add(variableScale(variable, new BigDecimal("-1E-50")));
        namesAndValues.add("zero");
        namesAndValues.add(variableScale(variable, BigDecimal.ZERO));
        add(cases, "variable scale decimal", variable, namesAndValues.toArray());
    }

    /** A decimal of {@code digits} nines, {@code scale} of them after the point: the largest of its precision. */
    public static BigDecimal nines(int digits, int scale) {
        return new BigDecimal(BigInteger.TEN.pow(digits).subtract(BigInteger.ONE), scale);
    }

    private static Struct variableScale(Schema schema, BigDecimal value) {
        return new Struct(schema).put("scale", value.scale()).put("value", value.unscaledValue().toByteArray());
    }

    private static void temporals(List<EdgeCase> cases) {
        LocalDate[] dates = {LocalDate.of(1, 1, 1), LocalDate.of(1582, 10, 4), LocalDate.of(1582, 10, 15),
            LocalDate.of(1969, 12, 31), LocalDate.of(1970, 1, 1), LocalDate.of(2024, 2, 29),
            LocalDate.of(9999, 12, 31)};
        List<Object> connectDates = new ArrayList<>();
        List<Object> debeziumDates = new ArrayList<>();
        for (LocalDate date : dates) {
            connectDates.add(date.toString());
            connectDates.add(new java.util.Date(date.toEpochDay() * 86_400_000L));
            debeziumDates.add(date.toString());
            debeziumDates.add((int) date.toEpochDay());
        }
        add(cases, "date", Date.builder().optional().build(), connectDates.toArray());
        add(cases, "debezium date", named(SchemaBuilder.int32(), DebeziumTypes.DATE), debeziumDates.toArray());

        add(cases, "time", Time.builder().optional().build(), "midnight", new java.util.Date(0),
                "noon and a fraction", new java.util.Date(43_200_123L), "last millisecond",
                new java.util.Date(86_399_999L));
        add(cases, "debezium time", named(SchemaBuilder.int32(), DebeziumTypes.TIME), "midnight", 0,
                "last millisecond", 86_399_999, "24:00:00", 86_400_000);
        add(cases, "debezium micro time", named(SchemaBuilder.int64(), DebeziumTypes.MICRO_TIME), "midnight", 0L,
                "a microsecond", 1L, "last microsecond", 86_399_999_999L, "24:00:00", 86_400_000_000L);
        add(cases, "debezium nano time", named(SchemaBuilder.int64(), DebeziumTypes.NANO_TIME), "midnight", 0L,
                "last nanosecond", 86_399_999_999_999L, "24:00:00", 86_400_000_000_000L);

        LocalDateTime[] instants = {LocalDateTime.of(1, 1, 1, 0, 0),
            LocalDateTime.of(1582, 10, 15, 12, 0, 0, 500_000),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(1970, 1, 1, 0, 0),
            LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_789), LocalDateTime.of(9999, 12, 31, 23, 59, 59,
                    999_999_999)};
        List<Object> millis = new ArrayList<>();
        List<Object> debeziumMillis = new ArrayList<>();
        List<Object> micros = new ArrayList<>();
        List<Object> nanos = new ArrayList<>();
        for (LocalDateTime instant : instants) {
            long seconds = instant.toEpochSecond(ZoneOffset.UTC);
            long milli = Math.addExact(Math.multiplyExact(seconds, 1_000L), instant.getNano() / 1_000_000);
            millis.add(instant.toString());
            millis.add(new java.util.Date(milli));
            debeziumMillis.add(instant.toString());
            debeziumMillis.add(milli);
            micros.add(instant.toString());
            micros.add(Math.addExact(Math.multiplyExact(seconds, 1_000_000L), instant.getNano() / 1_000));
            if (instant.getYear() > 1677 && instant.getYear() < 2262) { // what a long of nanoseconds reaches
                nanos.add(instant.toString());
                nanos.add(Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), instant.getNano()));
            }
        }
        add(cases, "timestamp", Timestamp.builder().optional().build(), millis.toArray());
        add(cases, "debezium timestamp", named(SchemaBuilder.int64(), DebeziumTypes.TIMESTAMP),
                debeziumMillis.toArray());
        add(cases, "debezium micro timestamp", named(SchemaBuilder.int64(), DebeziumTypes.MICRO_TIMESTAMP),
                micros.toArray());
        add(cases, "debezium nano timestamp", named(SchemaBuilder.int64(), DebeziumTypes.NANO_TIMESTAMP),
                nanos.toArray());
        add(cases, "debezium zoned timestamp", named(SchemaBuilder.string(), DebeziumTypes.ZONED_TIMESTAMP),
                "year 1 UTC", "0001-01-01T00:00:00Z", "pre-epoch with an offset", "1969-12-31T23:59:59.999999-08:00",
                "leap day far east", "2024-02-29T12:00:00+14:00", "year 9999", "9999-12-31T23:59:59.999999Z");
    }

    private static void debeziumStrings(List<EdgeCase> cases) {
        add(cases, "debezium uuid", named(SchemaBuilder.string(), DebeziumTypes.UUID), "nil",
                "00000000-0000-0000-0000-000000000000", "max", "ffffffff-ffff-ffff-ffff-ffffffffffff", "random",
                "3f2b8a1c-9d4e-4f6a-8b7c-1d2e3f4a5b6c");
        add(cases, "debezium json", named(SchemaBuilder.string(), DebeziumTypes.JSON), "empty object", "{}",
                "empty array", "[]", "nested unicode", "{\"a\":[1,{\"b\":\"\uD83D\uDE00\"}],\"c\":null}");
    }

    private static void nested(List<EdgeCase> cases) {
        Schema empty = SchemaBuilder.struct().optional().build();
        add(cases, "empty struct", empty, "empty struct", new Struct(empty));
        Schema nullableLongs = SchemaBuilder.array(Schema.OPTIONAL_INT64_SCHEMA).optional().build();
        add(cases, "array of nullable int64", nullableLongs, "only nulls", Arrays.asList(null, null),
                "empty", List.of(), "mixed", Arrays.asList(1L, null, Long.MIN_VALUE));
        Schema strings = SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).optional().build();
        add(cases, "array of strings", strings, "unicode and empty", Arrays.asList("", "\uD83D\uDE00", null,
                "a,b\"c"));
        Schema map = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA).optional().build();
        add(cases, "map of int32", map, "empty", Map.of(), "keys with dots and unicode",
                new LinkedHashMap<>(Map.of("a.b", 1, "\u00E9t\u00E9", 2)));
    }

    private static Schema named(SchemaBuilder builder, String name) {
        return builder.name(name).optional().build();
    }

    /** Adds one group: alternating case names and values. */
    private static void add(List<EdgeCase> cases, String group, Schema schema, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            cases.add(new EdgeCase(group, (String) namesAndValues[i], schema, namesAndValues[i + 1]));
        }
    }

    private static byte[] everyByte() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
