package io.cqrsconnect.jdbc.source.schema;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceColumn;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns rows of one result shape into record keys and values: the value a struct of every column, the key a struct
 * of the key columns, each column read by its dialect as {@link ColumnReaders} says. Made once per result
 * shape and kept while the shape stays the same, so the schemas stay the same objects (converters cache by them) and
 * a column added to a table shows up in the next query's records.
 */
public final class RowConverter {

    private final List<ResultColumn> shape;
    private final List<SourceColumn> columns;
    private final int[] keyIndexes;
    private final Schema keySchema;
    private final Schema valueSchema;

    private RowConverter(List<ResultColumn> shape, List<SourceColumn> columns, int[] keyIndexes, Schema keySchema,
                         Schema valueSchema) {
        this.shape = shape;
        this.columns = columns;
        this.keyIndexes = keyIndexes;
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
    }

    /**
     * The converter for a result: {@code previous} when the result has the same shape, else a new one.
     *
     * @param keyColumns the key columns' names, as the result holds them
     * @throws SQLException (SQLSTATE 42703) when a key column is not in the result any more
     */
    public static RowConverter forResult(RowConverter previous, ColumnReaders readers, ResultSetMetaData metaData,
                                         List<String> keyColumns) throws SQLException {
        List<ResultColumn> shape = new ArrayList<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            shape.add(ResultColumn.of(metaData, i));
        }
        if (previous != null && previous.shape.equals(shape)) {
            return previous;
        }
        List<SourceColumn> columns = new ArrayList<>();
        SchemaBuilder value = SchemaBuilder.struct();
        for (ResultColumn column : shape) {
            SourceColumn read = readers.of(column);
            columns.add(read);
            value.field(read.name(), read.schema());
        }
        int[] keyIndexes = new int[keyColumns.size()];
        SchemaBuilder key = SchemaBuilder.struct();
        for (int k = 0; k < keyColumns.size(); k++) {
            int index = indexOf(columns, keyColumns.get(k));
            keyIndexes[k] = index;
            key.field(columns.get(index).name(), columns.get(index).schema());
        }
        return new RowConverter(List.copyOf(shape), List.copyOf(columns), keyIndexes, key.build(), value.build());
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    /** The current row as a value struct. */
    public Struct value(ResultSet row) throws SQLException {
        Struct value = new Struct(valueSchema);
        for (int i = 0; i < columns.size(); i++) {
            SourceColumn column = columns.get(i);
            value.put(column.name(), column.read(row, i + 1));
        }
        return value;
    }

    /** The key struct of a value struct made by {@link #value}. */
    public Struct key(Struct value) {
        Struct key = new Struct(keySchema);
        for (int index : keyIndexes) {
            String name = columns.get(index).name();
            key.put(name, value.get(name));
        }
        return key;
    }

    /** The 1-based index of a column of the result, by name. */
    public int indexOf(String name) throws SQLException {
        return indexOf(columns, name) + 1;
    }

    private static int indexOf(List<SourceColumn> columns, String name) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new SQLException("the result has no column '" + name + "' any more", "42703");
    }
}
