package io.cqrsconnect.jdbc.source.changelog;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.cqrsconnect.common.plugin.PluginVersion;
import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceColumn;
import io.cqrsconnect.jdbc.source.config.OutputFormat;
import io.cqrsconnect.jdbc.source.schema.ColumnReaders;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns changelog rows of one result shape into records: the row images read by the dialect's column readers from
 * the {@code before__}/{@code after__} columns, with the schema the captured table's own columns have (the same
 * schema the query-based modes give the table), the key the table's key columns of the after image (the before
 * image for a delete), and the value either a Debezium-compatible envelope or the row ({@link OutputFormat}); a
 * delete is followed by a tombstone.
 */
final class ChangeRecords {

    /** Where the records come from and go. */
    record Origin(String connectorName, String database, String schema, String table, String topic,
                  Map<String, String> partition) {
    }

    /**
     * The envelope's {@code source}, as Debezium's: {@code change_id} the changelog row's id (null in a snapshot),
     * {@code snapshot} true, or last for a snapshot's last row (null for a change).
     */
    static final Schema SOURCE_SCHEMA = SchemaBuilder.struct().name("io.cqrsconnect.jdbc.source.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("db", Schema.OPTIONAL_STRING_SCHEMA)
            .field("schema", Schema.OPTIONAL_STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("change_id", Schema.OPTIONAL_INT64_SCHEMA)
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private final List<ResultColumn> shape;
    private final int idIndex;
    private final int opIndex;
    private final int txIndex;
    private final int tsIndex;
    private final List<String> names;
    private final List<SourceColumn> beforeReaders;
    private final List<SourceColumn> afterReaders;
    private final int[] beforeIndexes;
    private final int[] afterIndexes;
    private final List<String> keyColumns;
    private final Schema rowSchema;
    private final Schema keySchema;
    private final Schema sourceSchema;
    private final Schema envelopeSchema;

    private ChangeRecords(List<ResultColumn> shape, ColumnReaders readers, List<ResultColumn> tableColumns,
                          List<String> keyColumns) throws SQLException {
        this.shape = shape;
        this.idIndex = indexOf(shape, ChangelogLayout.ID);
        this.opIndex = indexOf(shape, ChangelogLayout.OP);
        this.txIndex = indexOf(shape, ChangelogLayout.TX);
        this.tsIndex = indexOf(shape, ChangelogLayout.TS_MS);
        this.keyColumns = List.copyOf(keyColumns);
        names = new ArrayList<>();
        beforeReaders = new ArrayList<>();
        afterReaders = new ArrayList<>();
        beforeIndexes = new int[tableColumns.size()];
        afterIndexes = new int[tableColumns.size()];
        SchemaBuilder row = SchemaBuilder.struct().optional();
        for (int i = 0; i < tableColumns.size(); i++) {
            ResultColumn column = tableColumns.get(i);
            beforeIndexes[i] = indexOf(shape, ChangelogLayout.before(column.name()));
            afterIndexes[i] = indexOf(shape, ChangelogLayout.after(column.name()));
            SourceColumn before = readers.of(renamed(shape.get(beforeIndexes[i] - 1), column.name()));
            SourceColumn after = readers.of(renamed(shape.get(afterIndexes[i] - 1), column.name()));
            beforeReaders.add(before);
            afterReaders.add(after);
            names.add(column.name());
            // The table's own column gives the field its schema (NOT NULL included), as in the query-based modes;
            // the changelog's copy, always nullable, only when the two disagree beyond that.
            Schema own = readers.of(column).schema();
            row.field(column.name(), sameBeyondOptional(own, after.schema()) ? own : after.schema());
        }
        rowSchema = row.build();
        SchemaBuilder key = SchemaBuilder.struct();
        for (String name : keyColumns) {
            key.field(name, rowSchema.field(name).schema());
        }
        keySchema = key.build();
        sourceSchema = SOURCE_SCHEMA;
        envelopeSchema = envelopeSchema(rowSchema);
    }

    /** A change event around images of {@code rowSchema} (an optional struct). */
    static Schema envelopeSchema(Schema rowSchema) {
        return SchemaBuilder.struct()
                .field("before", rowSchema)
                .field("after", rowSchema)
                .field("source", SOURCE_SCHEMA)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
    }

    /** The converter for a changelog result: {@code previous} when the shape is the same, else a new one. */
    static ChangeRecords forResult(ChangeRecords previous, ColumnReaders readers, ResultSetMetaData metaData,
                                   List<ResultColumn> tableColumns, List<String> keyColumns) throws SQLException {
        List<ResultColumn> shape = new ArrayList<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            shape.add(ResultColumn.of(metaData, i));
        }
        if (previous != null && previous.shape.equals(shape)) {
            return previous;
        }
        return new ChangeRecords(List.copyOf(shape), readers, tableColumns, keyColumns);
    }

    /** The change id of the current row. */
    long id(ResultSet row) throws SQLException {
        return row.getLong(idIndex);
    }

    /** When the current row's change was made (the trigger's clock), in epoch milliseconds. */
    long changedAtMs(ResultSet row) throws SQLException {
        return row.getLong(tsIndex);
    }

    /** The records of the current changelog row, a delete's tombstone last. */
    List<SourceRecord> records(ResultSet row, Origin origin, Map<String, ?> offset, OutputFormat format)
            throws SQLException {
        String op = row.getString(opIndex).trim();
        Struct before = op.equals(TriggerInsert.CREATE) ? null : image(row, beforeReaders, beforeIndexes);
        Struct after = op.equals(TriggerInsert.DELETE) ? null : image(row, afterReaders, afterIndexes);
        Struct key = new Struct(keySchema);
        Struct keyed = after != null ? after : before;
        for (String name : keyColumns) {
            key.put(name, keyed.get(name));
        }
        List<SourceRecord> records = new ArrayList<>(2);
        if (format == OutputFormat.ENVELOPE) {
            long tx = row.getLong(txIndex);
            Struct source = new Struct(sourceSchema)
                    .put("version", PluginVersion.get())
                    .put("connector", "jdbc")
                    .put("name", origin.connectorName())
                    .put("ts_ms", row.getLong(tsIndex))
                    .put("db", origin.database())
                    .put("schema", origin.schema())
                    .put("table", origin.table())
                    .put("txId", row.wasNull() ? null : tx)
                    .put("change_id", id(row));
            Struct envelope = new Struct(envelopeSchema).put("before", before).put("after", after)
                    .put("source", source).put("op", op).put("ts_ms", System.currentTimeMillis());
            records.add(new SourceRecord(origin.partition(), offset, origin.topic(), null, keySchema, key,
                    envelopeSchema, envelope));
        } else if (after != null) {
            records.add(new SourceRecord(origin.partition(), offset, origin.topic(), null, keySchema, key, rowSchema,
                    after));
        }
        if (after == null) {
            records.add(new SourceRecord(origin.partition(), offset, origin.topic(), null, keySchema, key, null,
                    null));
        }
        return records;
    }

    private Struct image(ResultSet row, List<SourceColumn> readers, int[] indexes) throws SQLException {
        Struct image = new Struct(rowSchema);
        for (int i = 0; i < readers.size(); i++) {
            image.put(names.get(i), readers.get(i).read(row, indexes[i]));
        }
        return image;
    }

    private static ResultColumn renamed(ResultColumn column, String name) {
        return new ResultColumn(name, column.jdbcType(), column.typeName(), column.precision(), column.scale(), true,
                column.signed());
    }

    private static boolean sameBeyondOptional(Schema own, Schema copy) {
        return own.type() == copy.type() && Objects.equals(own.name(), copy.name())
                && Objects.equals(own.parameters(), copy.parameters())
                && (own.type() != Schema.Type.ARRAY || own.valueSchema().equals(copy.valueSchema()));
    }

    private static int indexOf(List<ResultColumn> shape, String name) throws SQLException {
        for (int i = 0; i < shape.size(); i++) {
            if (shape.get(i).name().equalsIgnoreCase(name)) {
                return i + 1;
            }
        }
        throw new SQLException("the changelog has no column '" + name + "': it does not match its table any more "
                + "(see the changelog section of the README)", "42703");
    }
}
