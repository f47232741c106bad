package io.cqrsconnect.jdbc.common;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.List;

import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.common.values.LogicalValues;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts Connect values to the Java types JDBC 4.2 binds, by {@link ColumnKind}: logical values as
 * {@link LogicalValues} decodes them for every sink (dates and timestamps as {@code java.time} values, times of day
 * {@link io.cqrsconnect.common.values.TimeOfDay} (which holds 24:00:00), zoned timestamps
 * {@link OffsetDateTime}, UUIDs {@link java.util.UUID}, variable-scale decimals {@link BigDecimal}), nested values
 * JSON text (arrays of primitives stay lists, for dialects with native arrays). Dialects narrow further what their
 * driver cannot take.
 */
public final class ColumnValues {

    private ColumnValues() {
    }

    /**
     * The JDBC value of a Connect value, or null.
     *
     * @throws DataException when the value does not fit its schema's kind (e.g. a malformed zoned timestamp)
     */
    public static Object toJdbc(ColumnKind kind, Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, DECIMAL -> value;
            case STRING, UNKNOWN -> value.toString();
            case BYTES -> value instanceof ByteBuffer ? LogicalValues.bytes(value) : value;
            case VARIABLE_DECIMAL -> LogicalValues.variableScaleDecimal(value);
            case DATE -> LogicalValues.date(value);
            case TIME -> LogicalValues.time(schema, value); // a TimeOfDay: 24:00:00 included, each dialect binds it
            case TIMESTAMP -> LogicalValues.timestamp(schema, value);
            case TIMESTAMP_TZ -> LogicalValues.zonedTimestamp(value);
            case UUID -> LogicalValues.uuid(value);
            // Arrays stay lists until bound: the column they meet decides native array or JSON text.
            case JSON -> DebeziumTypes.JSON.equals(schema.name()) ? value.toString()
                    : value instanceof List<?> ? value : JsonText.of(value);
            case ARRAY -> value;
        };
    }
}
