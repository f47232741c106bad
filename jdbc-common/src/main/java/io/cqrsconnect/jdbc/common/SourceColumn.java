package io.cqrsconnect.jdbc.common;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.kafka.connect.data.Schema;

/**
 * How a source reads one column of a result: the Connect schema of its field and the reader of its values, chosen
 * once per query by {@link SourceDialect#sourceColumn} so that each row costs only the reads.
 *
 * @param name the field name (the column's label)
 * @param schema the field's schema; optional unless the column refuses NULL
 * @param reader reads the column's value of the current row as a value of {@code schema}
 */
public record SourceColumn(String name, Schema schema, Reader reader) {

    /** Reads one column of the current row. */
    @FunctionalInterface
    public interface Reader {
        /**
         * The value of column {@code index} (1-based) of the current row, as a value of the column's schema, or null.
         *
         * @throws SQLException when the driver fails, or the value cannot be represented without loss (SQLSTATE 22)
         */
        Object read(ResultSet row, int index) throws SQLException;
    }

    /** The value of this column in the current row. */
    public Object read(ResultSet row, int index) throws SQLException {
        return reader.read(row, index);
    }
}
