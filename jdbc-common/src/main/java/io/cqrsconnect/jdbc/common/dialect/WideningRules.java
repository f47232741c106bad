package io.cqrsconnect.jdbc.common.dialect;

import java.sql.Types;

import io.cqrsconnect.jdbc.common.ColumnDefinition;
import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnSpec;

/**
 * How an existing column's declared type compares with a field's values, family by family, from what JDBC metadata
 * reports (type code, precision, scale, length): the rules {@code auto.evolve} follows in every dialect that alters
 * column types. Only comparisons that are certain are made; anything else is left to the database, which judges each
 * value as it is written.
 */
final class WideningRules {

    private WideningRules() {
    }

    /** 1 to 4 for TINYINT to BIGINT columns, 0 for anything else. */
    static int integerRank(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT -> 1;
            case Types.SMALLINT -> 2;
            case Types.INTEGER -> 3;
            case Types.BIGINT -> 4;
            default -> 0;
        };
    }

    /** 1 to 4 for INT8 to INT64 values, 0 for anything else. */
    static int integerRank(ColumnKind kind) {
        return switch (kind) {
            case INT8 -> 1;
            case INT16 -> 2;
            case INT32 -> 3;
            case INT64 -> 4;
            default -> 0;
        };
    }

    /** True when an integer column is narrower than the values' integer kind. */
    static boolean widerInteger(ColumnDefinition existing, ColumnSpec wanted) {
        int have = integerRank(existing.jdbcType());
        return have > 0 && integerRank(wanted.kind()) > have;
    }

    /** True when a single-precision column gets double-precision values (REAL is single precision everywhere). */
    static boolean widerFloat(ColumnDefinition existing, ColumnSpec wanted) {
        return existing.jdbcType() == Types.REAL && wanted.kind() == ColumnKind.FLOAT64;
    }

    /** True when the values may have digits after the point, which an integer column would round away. */
    static boolean fractionsIntoIntegers(ColumnDefinition existing, ColumnSpec wanted) {
        if (integerRank(existing.jdbcType()) == 0) {
            return false;
        }
        return switch (wanted.kind()) {
            case FLOAT32, FLOAT64, VARIABLE_DECIMAL -> true;
            case DECIMAL -> ColumnKind.decimalScale(wanted.schema()) > 0;
            default -> false;
        };
    }

    /**
     * The precision and scale a bounded DECIMAL/NUMERIC column must grow to for a decimal field's values (as many
     * digits before and after the point as either holds), or null when it holds them already, is unbounded
     * (PostgreSQL's plain {@code numeric}, H2's {@code DECFLOAT}), or the values are not a fixed-scale decimal. A
     * field without a declared precision asks for its scale only. The result stays within the database's largest
     * DECIMAL ({@code maxPrecision} digits, {@code maxScale} after the point): a column already that wide holds all
     * it can, and the writer refuses each value beyond it rather than the whole field.
     */
    static int[] widerDecimal(ColumnDefinition existing, ColumnSpec wanted, int maxPrecision, int maxScale) {
        boolean decimalColumn = existing.jdbcType() == Types.DECIMAL || existing.jdbcType() == Types.NUMERIC;
        if (!decimalColumn || existing.size() <= 0 || "DECFLOAT".equalsIgnoreCase(existing.typeName())
                || wanted.kind() != ColumnKind.DECIMAL) {
            return null;
        }
        int scale = ColumnKind.decimalScale(wanted.schema());
        int precision = ColumnKind.decimalPrecision(wanted.schema());
        int haveIntegerDigits = existing.size() - existing.scale();
        int neededScale = Math.min(maxScale, Math.max(existing.scale(), scale));
        int integerDigits = Math.max(haveIntegerDigits, Math.min(maxPrecision - neededScale,
                precision > 0 ? precision - scale : 0));
        neededScale = Math.min(neededScale, maxPrecision - integerDigits);
        if (integerDigits <= haveIntegerDigits && neededScale <= existing.scale()) {
            return null;
        }
        return new int[] {integerDigits + Math.max(neededScale, existing.scale()),
            Math.max(neededScale, existing.scale())};
    }

    /**
     * The length a length-bounded VARCHAR column must grow to for a string field that declares a longer one
     * ({@link ColumnKind#declaredLength}), or 0.
     */
    static int longerString(ColumnDefinition existing, ColumnSpec wanted) {
        boolean varchar = existing.jdbcType() == Types.VARCHAR || existing.jdbcType() == Types.NVARCHAR;
        int length = ColumnKind.declaredLength(wanted.schema());
        return varchar && wanted.kind() == ColumnKind.STRING && existing.size() > 0 && length > existing.size()
                ? length : 0;
    }
}
