package io.cqrsconnect.jdbc.source.changelog;

import java.util.Map;

import io.cqrsconnect.common.plugin.PluginVersion;
import io.cqrsconnect.jdbc.source.config.OutputFormat;
import io.cqrsconnect.jdbc.source.schema.RowConverter;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns the rows a changelog-mode snapshot reads from the table itself into records of the same topic as the
 * changes: the row, or an envelope with op {@code r} (Debezium's read), no before image, and
 * {@code source.snapshot} {@code true} ({@code last} on the snapshot's last row).
 */
final class SnapshotRecords {

    private RowConverter converter;
    private Schema rowSchema;
    private Schema envelopeSchema;

    /** The record of one snapshot row, read with {@code rows}. */
    SourceRecord record(RowConverter rows, Struct value, ChangeRecords.Origin origin, Map<String, ?> offset,
                        OutputFormat format, boolean last) {
        Struct key = rows.key(value);
        if (format == OutputFormat.ROW) {
            return new SourceRecord(origin.partition(), offset, origin.topic(), null, rows.keySchema(), key,
                    rows.valueSchema(), value);
        }
        if (rows != converter) {
            converter = rows;
            // The changes' images are optional structs (a create has no before); the snapshot's rows match them.
            SchemaBuilder row = SchemaBuilder.struct().optional();
            for (Field field : rows.valueSchema().fields()) {
                row.field(field.name(), field.schema());
            }
            rowSchema = row.build();
            envelopeSchema = ChangeRecords.envelopeSchema(rowSchema);
        }
        Struct after = new Struct(rowSchema);
        for (Field field : rowSchema.fields()) {
            after.put(field.name(), value.get(field.name()));
        }
        long now = System.currentTimeMillis();
        Struct source = new Struct(ChangeRecords.SOURCE_SCHEMA)
                .put("version", PluginVersion.get())
                .put("connector", "jdbc")
                .put("name", origin.connectorName())
                .put("ts_ms", now)
                .put("db", origin.database())
                .put("schema", origin.schema())
                .put("table", origin.table())
                .put("snapshot", last ? "last" : "true");
        Struct envelope = new Struct(envelopeSchema).put("before", null).put("after", after).put("source", source)
                .put("op", "r").put("ts_ms", now);
        return new SourceRecord(origin.partition(), offset, origin.topic(), null, rows.keySchema(), key,
                envelopeSchema, envelope);
    }
}
