package io.cqrsconnect.common.jdbc;

/**
 * A column as the database describes it ({@link java.sql.DatabaseMetaData#getColumns}).
 *
 * @param name the column name as stored in the catalog
 * @param jdbcType the {@link java.sql.Types} code
 * @param typeName the database's own type name, e.g. {@code int8}, {@code jsonb}, {@code VARCHAR}
 * @param nullable whether the column accepts NULL
 */
public record ColumnDefinition(String name, int jdbcType, String typeName, boolean nullable) {
}
