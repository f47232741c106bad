package io.cqrsconnect.jdbc.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.common.values.TimeOfDay;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The standard way a source reads a column into Connect, by JDBC type, losing nothing: the schemas are the ones our
 * sinks read back ({@link io.cqrsconnect.common.values.LogicalType}), so a value captured here and written by our
 * JDBC sink compares equal to the original.
 *
 * <ul>
 *   <li>integers as the smallest Connect integer that holds every value (an {@code UNSIGNED} type one size up, an
 *       unsigned {@code BIGINT} a decimal); floats as FLOAT32/FLOAT64;</li>
 *   <li>{@code DECIMAL(p,s)} as Connect's {@code Decimal} of scale s (with {@code connect.decimal.precision});
 *       unbounded decimals (PostgreSQL's plain {@code numeric}, H2's {@code DECFLOAT}) as Debezium's
 *       {@code VariableScaleDecimal}, each value with its own scale;</li>
 *   <li>dates as Connect's {@code Date}; times as Debezium's {@code MicroTime} (24:00:00 included) or
 *       {@code NanoTime} beyond six digits; timestamps without zone as {@code MicroTimestamp}/{@code NanoTimestamp},
 *       the wall clock as stored; timestamps with zone as {@code ZonedTimestamp} text;</li>
 *   <li>{@code uuid} as Debezium's {@code Uuid}, {@code json}/{@code jsonb} as its {@code Json}, binary as BYTES,
 *       arrays of numbers, booleans and text as Connect arrays; anything else as its text.</li>
 * </ul>
 */
public final class SourceColumns {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final DateTimeFormatter ZONED_TEXT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private SourceColumns() {
    }

    /** The standard reading of a column. */
    public static SourceColumn standard(ResultColumn column) {
        String type = column.baseTypeName();
        switch (type) {
            case "uuid" -> {
                return new SourceColumn(column.name(), named(SchemaBuilder.string(), DebeziumTypes.UUID, column),
                        (row, index) -> {
                            Object value = row.getObject(index);
                            return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
                        });
            }
            case "json", "jsonb" -> {
                return new SourceColumn(column.name(), named(SchemaBuilder.string(), DebeziumTypes.JSON, column),
                        ResultSet::getString);
            }
            case "timestamptz", "timestamp with time zone" -> {
                return zonedTimestamp(column);
            }
            case "decfloat" -> {
                return variableDecimal(column);
            }
            case "timetz", "time with time zone" -> {
                return text(column);
            }
            default -> {
            }
        }
        return switch (column.jdbcType()) {
            case Types.BIT, Types.BOOLEAN -> column.jdbcType() == Types.BIT && column.precision() > 1
                    ? bytes(column) : new SourceColumn(column.name(), optional(SchemaBuilder.bool(), column),
                    (row, index) -> nullable(row, row.getBoolean(index)));
            case Types.TINYINT -> column.signed() ? int8(column) : int16(column);
            case Types.SMALLINT -> column.signed() ? int16(column) : int32(column);
            case Types.INTEGER -> column.signed() ? int32(column) : int64(column);
            case Types.BIGINT -> column.signed() ? int64(column) : decimal(column, 20, 0);
            case Types.REAL -> new SourceColumn(column.name(), optional(SchemaBuilder.float32(), column),
                    (row, index) -> nullable(row, row.getFloat(index)));
            case Types.FLOAT, Types.DOUBLE -> new SourceColumn(column.name(),
                    optional(SchemaBuilder.float64(), column), (row, index) -> nullable(row, row.getDouble(index)));
            case Types.NUMERIC, Types.DECIMAL -> column.precision() > 0 && column.precision() <= 1000
                    && column.scale() >= 0 ? decimal(column, column.precision(), column.scale())
                    : variableDecimal(column);
            case Types.DATE -> date(column);
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> time(column);
            case Types.TIMESTAMP -> timestamp(column);
            case Types.TIMESTAMP_WITH_TIMEZONE -> zonedTimestamp(column);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> bytes(column);
            case Types.ARRAY -> array(column, elementOf(column));
            default -> text(column);
        };
    }

    /** A column read as its text. */
    public static SourceColumn text(ResultColumn column) {
        return new SourceColumn(column.name(), optional(SchemaBuilder.string(), column), ResultSet::getString);
    }

    /** A binary column. */
    public static SourceColumn bytes(ResultColumn column) {
        return new SourceColumn(column.name(), optional(SchemaBuilder.bytes(), column), ResultSet::getBytes);
    }

    /** {@code DECIMAL(precision, scale)} as Connect's {@code Decimal}; a value it would round is refused. */
    public static SourceColumn decimal(ResultColumn column, int precision, int scale) {
        SchemaBuilder schema = Decimal.builder(scale).parameter("connect.decimal.precision",
                Integer.toString(precision));
        return new SourceColumn(column.name(), optional(schema, column), (row, index) -> {
            BigDecimal value = row.getBigDecimal(index);
            return value == null ? null : exactScale(column, value, scale);
        });
    }

    /** A decimal of any scale as Debezium's {@code VariableScaleDecimal}. */
    public static SourceColumn variableDecimal(ResultColumn column) {
        Schema schema = variableDecimalSchema(column);
        return new SourceColumn(column.name(), schema, (row, index) -> {
            BigDecimal value = row.getBigDecimal(index);
            return value == null ? null : variableDecimal(schema, value);
        });
    }

    /** The schema of Debezium's {@code VariableScaleDecimal}: a struct of scale and unscaled bytes. */
    public static Schema variableDecimalSchema(ResultColumn column) {
        SchemaBuilder schema = SchemaBuilder.struct().name(DebeziumTypes.VARIABLE_SCALE_DECIMAL).version(1)
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA);
        return optional(schema, column);
    }

    /** A decimal as a {@code VariableScaleDecimal} value of {@code schema}. */
    public static Struct variableDecimal(Schema schema, BigDecimal value) {
        return new Struct(schema).put("scale", value.scale()).put("value", value.unscaledValue().toByteArray());
    }

    /** A date as Connect's {@code Date}. */
    public static SourceColumn date(ResultColumn column) {
        return new SourceColumn(column.name(), optional(Date.builder(), column), (row, index) -> {
            LocalDate date = row.getObject(index, LocalDate.class);
            return date == null ? null : java.util.Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant());
        });
    }

    /**
     * A time of day as Debezium's {@code MicroTime} ({@code NanoTime} for more than six digits), read from its text
     * so that 24:00:00 (and MySQL's times beyond a day) keep their value.
     */
    public static SourceColumn time(ResultColumn column) {
        boolean nanos = column.scale() > 6;
        Schema schema = named(SchemaBuilder.int64(), nanos ? DebeziumTypes.NANO_TIME : DebeziumTypes.MICRO_TIME,
                column);
        return new SourceColumn(column.name(), schema, (row, index) -> {
            String text = row.getString(index);
            return text == null ? null : timeOfDay(column, text, nanos);
        });
    }

    /**
     * A timestamp without zone as Debezium's {@code MicroTimestamp} ({@code NanoTimestamp} for more than six
     * digits): the wall clock as stored, counted as if it were UTC, the way every sink reads it back.
     */
    public static SourceColumn timestamp(ResultColumn column) {
        boolean nanos = column.scale() > 6;
        Schema schema = named(SchemaBuilder.int64(), nanos ? DebeziumTypes.NANO_TIMESTAMP
                : DebeziumTypes.MICRO_TIMESTAMP, column);
        return new SourceColumn(column.name(), schema, (row, index) -> {
            LocalDateTime time = row.getObject(index, LocalDateTime.class);
            return time == null ? null : epochCount(time, nanos);
        });
    }

    /** A timestamp with zone as Debezium's {@code ZonedTimestamp}: ISO-8601 text with every digit and the offset. */
    public static SourceColumn zonedTimestamp(ResultColumn column) {
        Schema schema = named(SchemaBuilder.string(), DebeziumTypes.ZONED_TIMESTAMP, column);
        return new SourceColumn(column.name(), schema, (row, index) -> {
            OffsetDateTime time = row.getObject(index, OffsetDateTime.class);
            return time == null ? null : ZONED_TEXT.format(time);
        });
    }

    /**
     * An array of {@code element} values (INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN or STRING), or the array's
     * text when {@code element} is null.
     */
    public static SourceColumn array(ResultColumn column, Schema.Type element) {
        if (element == null) {
            return text(column);
        }
        Schema elementSchema = new SchemaBuilder(element).optional().build();
        return new SourceColumn(column.name(), optional(SchemaBuilder.array(elementSchema), column),
                (row, index) -> {
                    Array array = row.getArray(index);
                    if (array == null) {
                        return null;
                    }
                    try {
                        return elements(element, (Object[]) array.getArray());
                    } finally {
                        array.free();
                    }
                });
    }

    /**
     * The element type of an array column named like {@code _int4} (PostgreSQL) or {@code INTEGER ARRAY} (H2), or
     * null when its elements are not numbers, booleans or text.
     */
    public static Schema.Type elementOf(ResultColumn column) {
        String type = column.typeName().toLowerCase(Locale.ROOT).trim();
        if (type.startsWith("_")) {
            type = type.substring(1);
        } else if (type.endsWith(" array")) {
            type = type.substring(0, type.length() - " array".length()).trim();
        } else {
            return null;
        }
        int paren = type.indexOf('(');
        if (paren >= 0) {
            type = type.substring(0, paren).trim();
        }
        return switch (type) {
            case "int2", "smallint" -> Schema.Type.INT16;
            case "int4", "integer", "int" -> Schema.Type.INT32;
            case "int8", "bigint" -> Schema.Type.INT64;
            case "float4", "real" -> Schema.Type.FLOAT32;
            case "float8", "double precision", "double" -> Schema.Type.FLOAT64;
            case "bool", "boolean" -> Schema.Type.BOOLEAN;
            case "text", "varchar", "character varying", "bpchar", "char", "character" -> Schema.Type.STRING;
            default -> null;
        };
    }

    /**
     * Microseconds (or nanoseconds) from midnight of a time's text, {@code [-]H+:MM:SS[.fraction]}.
     *
     * @throws SQLDataException when the text is not a time, or has more digits than the count holds
     */
    public static long timeOfDay(ResultColumn column, String text, boolean nanos) throws SQLDataException {
        String trimmed = text.trim();
        boolean negative = trimmed.startsWith("-");
        String body = negative ? trimmed.substring(1) : trimmed;
        String[] parts = body.split(":");
        if (parts.length != 3) {
            throw new SQLDataException("column '" + column.name() + "': '" + text + "' is not a time", "22007");
        }
        try {
            long hours = Long.parseLong(parts[0]);
            long minutes = Long.parseLong(parts[1]);
            String seconds = parts[2];
            int dot = seconds.indexOf('.');
            long wholeSeconds = Long.parseLong(dot < 0 ? seconds : seconds.substring(0, dot));
            long fractionNanos = 0;
            if (dot >= 0) {
                String fraction = seconds.substring(dot + 1);
                if (fraction.length() > 9) {
                    throw new SQLDataException("column '" + column.name() + "': '" + text + "' has more than 9 "
                            + "digits after the point", "22007");
                }
                fractionNanos = Long.parseLong((fraction + "000000000").substring(0, 9));
            }
            long nanosOfDay = ((hours * 60 + minutes) * 60 + wholeSeconds) * 1_000_000_000L + fractionNanos;
            if (!nanos && nanosOfDay % 1000 != 0) {
                throw new SQLDataException("column '" + column.name() + "': '" + text + "' has nanoseconds, which a "
                        + "MicroTime would drop", "22003");
            }
            long count = nanos ? nanosOfDay : nanosOfDay / 1000;
            return negative ? -count : count;
        } catch (NumberFormatException e) {
            throw new SQLDataException("column '" + column.name() + "': '" + text + "' is not a time", "22007", e);
        }
    }

    /** A wall clock as microseconds (or nanoseconds) since 1970-01-01T00:00 counted as UTC. */
    public static long epochCount(LocalDateTime time, boolean nanos) {
        long seconds = time.toEpochSecond(ZoneOffset.UTC);
        return nanos ? Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), time.getNano())
                : Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), time.getNano() / 1000);
    }

    /** A decimal at the column's scale; a value that would need rounding is refused, not rounded. */
    private static BigDecimal exactScale(ResultColumn column, BigDecimal value, int scale) throws SQLDataException {
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new SQLDataException("column '" + column.name() + "' holds " + value.toPlainString() + ", more "
                    + "digits after the point than its scale " + scale + ": refusing to round it", "22003", e);
        }
    }

    private static List<Object> elements(Schema.Type element, Object[] values) {
        List<Object> list = new ArrayList<>(values.length);
        for (Object value : values) {
            list.add(value == null ? null : switch (element) {
                case INT16 -> ((Number) value).shortValue();
                case INT32 -> ((Number) value).intValue();
                case INT64 -> ((Number) value).longValue();
                case FLOAT32 -> ((Number) value).floatValue();
                case FLOAT64 -> ((Number) value).doubleValue();
                case BOOLEAN -> (Boolean) value;
                default -> value.toString();
            });
        }
        return list;
    }

    private static SourceColumn int8(ResultColumn column) {
        return new SourceColumn(column.name(), optional(SchemaBuilder.int8(), column),
                (row, index) -> nullable(row, row.getByte(index)));
    }

    private static SourceColumn int16(ResultColumn column) {
        return new SourceColumn(column.name(), optional(SchemaBuilder.int16(), column),
                (row, index) -> nullable(row, row.getShort(index)));
    }

    private static SourceColumn int32(ResultColumn column) {
        return new SourceColumn(column.name(), optional(SchemaBuilder.int32(), column),
                (row, index) -> nullable(row, row.getInt(index)));
    }

    private static SourceColumn int64(ResultColumn column) {
        return new SourceColumn(column.name(), optional(SchemaBuilder.int64(), column),
                (row, index) -> nullable(row, row.getLong(index)));
    }

    private static Object nullable(ResultSet row, Object value) throws SQLException {
        return row.wasNull() ? null : value;
    }

    private static Schema named(SchemaBuilder builder, String name, ResultColumn column) {
        return optional(builder.name(name).version(1), column);
    }

    /** Optional unless the column is known to refuse NULL. */
    private static Schema optional(SchemaBuilder builder, ResultColumn column) {
        return column.nullable() ? builder.optional().build() : builder.build();
    }
}
