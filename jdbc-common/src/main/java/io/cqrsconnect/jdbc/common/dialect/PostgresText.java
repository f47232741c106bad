package io.cqrsconnect.jdbc.common.dialect;

import java.math.BigDecimal;
import java.util.List;

import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.JsonText;

/**
 * A JDBC value in PostgreSQL's text input format, the form both write paths hand to the server for it to parse into
 * the column's type: one element of an {@code UNNEST} column array, and one field of a {@code COPY} row.
 */
final class PostgresText {

    private PostgresText() {
    }

    /** The value's text, or null for SQL NULL. */
    static String of(ColumnSpec column, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof List<?> list) {
            return column.kind() == ColumnKind.ARRAY ? PostgresArrays.literal(list) : JsonText.of(list);
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder(2 + bytes.length * 2).append("\\x");
            for (byte b : bytes) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        }
        if (value instanceof BigDecimal decimal) {
            // toString() is the plain form unless the scale is negative or the value tiny, and far cheaper than
            // toPlainString() (a hot path: a profile of 1M upserts spent half the writer thread in it).
            return decimal.scale() >= 0 && decimal.precision() - 1 - decimal.scale() >= -6
                    ? decimal.toString() : decimal.toPlainString();
        }
        return value.toString();
    }
}
