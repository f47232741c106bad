package io.cqrsconnect.jdbc.common;

import java.sql.Types;

/**
 * A column as the database describes it ({@link java.sql.DatabaseMetaData#getColumns}).
 *
 * @param name the column name as stored in the catalog
 * @param jdbcType the {@link java.sql.Types} code
 * @param typeName the database's own type name, e.g. {@code int8}, {@code jsonb}, {@code VARCHAR}
 * @param nullable whether the column accepts NULL
 * @param size the declared precision of a numeric column, or the length of a character column (0 when unknown
 *             or unbounded, as for PostgreSQL's plain {@code numeric})
 * @param scale the declared digits after the decimal point of a numeric column
 */
public record ColumnDefinition(String name, int jdbcType, String typeName, boolean nullable, int size, int scale) {

    /** The type as people write it, with its size: {@code numeric(10,2)}, {@code varchar(20)}, {@code int8}. */
    public String describeType() {
        return switch (jdbcType) {
            case Types.NUMERIC, Types.DECIMAL -> size > 0 ? typeName + "(" + size + "," + scale + ")"
                    : typeName;
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR,
                    Types.BINARY, Types.VARBINARY -> size > 0 && size < Integer.MAX_VALUE
                    && !typeName.contains("(") ? typeName + "(" + size + ")" : typeName;
            default -> typeName;
        };
    }
}
