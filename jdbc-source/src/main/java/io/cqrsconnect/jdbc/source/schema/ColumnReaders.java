package io.cqrsconnect.jdbc.source.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;

import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceColumn;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.source.config.DecimalHandling;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * How this source reads each column of a result: the dialect's reader ({@link SourceDialect#sourceColumn}), its
 * decimals then represented as {@code decimal.handling.mode} says. The dialect reads every decimal exactly; the
 * other representations are made from that exact value, so every database and capture mode (tables, query,
 * changelog images) gives the same double or text. Add a per-connector representation of a type here.
 */
public final class ColumnReaders {

    private final SourceDialect dialect;
    private final DecimalHandling decimals;

    public ColumnReaders(SourceDialect dialect, DecimalHandling decimals) {
        this.dialect = dialect;
        this.decimals = decimals;
    }

    /** The reader of one result column. */
    public SourceColumn of(ResultColumn column) {
        SourceColumn exact = dialect.sourceColumn(column);
        if (decimals == DecimalHandling.PRECISE || !isDecimal(column, exact.schema())) {
            return exact;
        }
        boolean text = decimals == DecimalHandling.STRING;
        SchemaBuilder schema = text ? SchemaBuilder.string() : SchemaBuilder.float64();
        if (exact.schema().isOptional()) {
            schema.optional();
        }
        return new SourceColumn(column.name(), schema.build(), (row, index) -> {
            BigDecimal value = exactValue(exact.read(row, index));
            if (value == null) {
                return null;
            }
            return text ? value.toPlainString() : value.doubleValue();
        });
    }

    /**
     * True for a DECIMAL/NUMERIC column read as a decimal; an unsigned BIGINT, read as a decimal only because no
     * Connect integer holds it, stays one (as Debezium's bigint.unsigned.handling.mode keeps it apart).
     */
    private static boolean isDecimal(ResultColumn column, Schema schema) {
        boolean decimalSchema = Decimal.LOGICAL_NAME.equals(schema.name())
                || DebeziumTypes.VARIABLE_SCALE_DECIMAL.equals(schema.name());
        return decimalSchema && column.jdbcType() != Types.BIGINT;
    }

    private static BigDecimal exactValue(Object value) {
        if (value instanceof Struct variable) {
            return new BigDecimal(new BigInteger(variable.getBytes("value")), variable.getInt32("scale"));
        }
        return (BigDecimal) value;
    }
}
