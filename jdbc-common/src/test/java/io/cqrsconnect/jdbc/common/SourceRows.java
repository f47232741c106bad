package io.cqrsconnect.jdbc.common;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cqrsconnect.testing.db.TestDatabase;
import org.apache.kafka.connect.data.Schema;

/**
 * Reads the first row of a query through a {@link SourceDialect}, as a source would, and decodes each value the way
 * our sinks do ({@link ColumnKind}, {@link ColumnValues}): what the tests compare with the values written.
 */
final class SourceRows {

    /** A column's field as a source produces it, and its value as a sink decodes it. */
    record Read(Schema schema, Object connectValue, Object sinkValue) {
    }

    private SourceRows() {
    }

    static Map<String, Read> firstRow(TestDatabase database, SourceDialect dialect, String query) throws SQLException {
        Map<String, Read> row = new LinkedHashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            ResultSetMetaData metaData = rows.getMetaData();
            if (!rows.next()) {
                throw new AssertionError("no row from " + query);
            }
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                SourceColumn column = dialect.sourceColumn(ResultColumn.of(metaData, i));
                Object value = column.read(rows, i);
                org.apache.kafka.connect.data.ConnectSchema.validateValue(column.schema(), value);
                Object decoded = ColumnValues.toJdbc(ColumnKind.of(column.schema()), column.schema(), value);
                row.put(column.name().toLowerCase(java.util.Locale.ROOT), new Read(column.schema(), value, decoded));
            }
        }
        return row;
    }
}
