package io.cqrsconnect.jdbc.common;

import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.sql.Types;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Decimals meet bounded DECIMAL(p,s) columns exactly or not at all. PostgreSQL, MariaDB and H2 round a value with
 * more digits after the point than the column's scale without a word (MariaDB notes it, even in strict mode), which
 * for a read model is silent corruption. A column written from a decimal field therefore carries its bounds
 * ({@link #bounded}), and every value is checked against them ({@link #check}, from the dialects' checkValue) before
 * any write path (statements, arrays, COPY) sends it: one that does not fit is a data exception of its row, which
 * the writer isolates.
 */
public final class DecimalColumns {

    private static final String PRECISION = "connect.decimal.precision";

    private DecimalColumns() {
    }

    /**
     * The column to bind {@code wanted}'s decimals into {@code existing}: when {@code existing} is a bounded
     * DECIMAL/NUMERIC (not an unbounded {@code numeric} or H2's {@code DECFLOAT}), a {@link ColumnKind#DECIMAL}
     * column whose schema states the column's precision and scale; else {@code wanted} as it is.
     */
    public static ColumnSpec bounded(ColumnDefinition existing, ColumnSpec wanted) {
        boolean decimalField = wanted.kind() == ColumnKind.DECIMAL || wanted.kind() == ColumnKind.VARIABLE_DECIMAL;
        boolean boundedColumn = (existing.jdbcType() == Types.DECIMAL || existing.jdbcType() == Types.NUMERIC)
                && existing.size() > 0 && !"DECFLOAT".equalsIgnoreCase(existing.typeName());
        if (!decimalField || !boundedColumn) {
            return wanted;
        }
        SchemaBuilder schema = Decimal.builder(existing.scale()).parameter(PRECISION,
                Integer.toString(existing.size()));
        if (wanted.schema().isOptional()) {
            schema.optional();
        }
        return new ColumnSpec(wanted.name(), schema.build(), wanted.key(), ColumnKind.DECIMAL);
    }

    /** True when the column states bounds that values must be checked against. */
    public static boolean isBounded(ColumnSpec column) {
        return column.kind() == ColumnKind.DECIMAL && ColumnKind.decimalPrecision(column.schema()) > 0;
    }

    /**
     * Refuses a decimal that a DECIMAL(p,s) column cannot hold exactly: more digits after the point than s (trailing
     * zeros aside), or more before it than p - s.
     *
     * @throws SQLDataException (SQLSTATE 22003, numeric value out of range) naming the column and the value's digits
     */
    public static void check(ColumnSpec column, Object value) throws SQLDataException {
        if (!(value instanceof BigDecimal decimal)) {
            return;
        }
        int precision = ColumnKind.decimalPrecision(column.schema());
        int scale = ColumnKind.decimalScale(column.schema());
        if (decimal.scale() > scale) {
            decimal = decimal.stripTrailingZeros();
        }
        int fraction = Math.max(0, decimal.scale());
        int integer = Math.max(0, decimal.precision() - decimal.scale());
        if (fraction > scale || integer > precision - scale) {
            throw new SQLDataException("column '" + column.name() + "' is DECIMAL(" + precision + "," + scale
                    + "), which holds " + (precision - scale) + " digits before the point and " + scale + " after it, "
                    + "and the value has " + integer + " before and " + fraction + " after: the database would "
                    + (fraction > scale ? "round it" : "refuse it") + ", so it is not written", "22003");
        }
    }
}
