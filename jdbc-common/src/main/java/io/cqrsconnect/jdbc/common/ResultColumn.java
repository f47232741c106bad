package io.cqrsconnect.jdbc.common;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A column of a query's result, as the driver describes it ({@link ResultSetMetaData}): what a source needs to
 * choose a column's Connect schema and the way its values are read.
 *
 * @param name the column's label (its name, or the alias a query gave it)
 * @param jdbcType the {@link java.sql.Types} code
 * @param typeName the database's own type name, e.g. {@code int8}, {@code timestamptz}, {@code DATETIME}
 * @param precision the declared precision of a number, the length of text, the digits of a time (0 when unknown or
 *                  unbounded, as for PostgreSQL's plain {@code numeric})
 * @param scale the declared digits after the point of a number, or of the seconds of a time or timestamp
 * @param nullable false only when the column is known to refuse NULL
 * @param signed whether a number can be negative (false for MySQL's {@code UNSIGNED} types)
 */
public record ResultColumn(String name, int jdbcType, String typeName, int precision, int scale, boolean nullable,
                           boolean signed) {

    /** The column at {@code index} (1-based) of a result. */
    public static ResultColumn of(ResultSetMetaData metaData, int index) throws SQLException {
        String typeName = metaData.getColumnTypeName(index);
        return new ResultColumn(metaData.getColumnLabel(index), metaData.getColumnType(index),
                typeName == null ? "" : typeName, metaData.getPrecision(index), metaData.getScale(index),
                metaData.isNullable(index) != ResultSetMetaData.columnNoNulls, metaData.isSigned(index));
    }

    /** The type name in lower case, without a size and with no {@code UNSIGNED}: {@code numeric}, {@code datetime}. */
    public String baseTypeName() {
        String base = typeName.toLowerCase(Locale.ROOT);
        int paren = base.indexOf('(');
        if (paren >= 0) {
            base = base.substring(0, paren);
        }
        return base.replace(" unsigned", "").trim();
    }
}
