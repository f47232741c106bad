package io.cqrsconnect.jdbc.sink.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.cqrsconnect.common.config.FieldSelection;
import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.common.event.SchemalessStructs;
import io.cqrsconnect.common.event.SourceInfo;
import io.cqrsconnect.common.event.SourcelessTombstone;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.ColumnValues;
import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.ArrayMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.NestedMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.PrimaryKeyMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.VersionMode;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Turns a {@link ChangeEvent} into the {@link SinkRow} the configuration asks for: the target table from the name
 * template, key columns by {@code pk.mode}, value columns filtered, renamed, and nested structs flattened or kept as
 * JSON, plus the version for the guard. Layouts are cached per key/value schema.
 */
public final class RecordMapper {

    static final String KAFKA_TOPIC_COLUMN = "__connect_topic";
    static final String KAFKA_PARTITION_COLUMN = "__connect_partition";
    public static final String KAFKA_OFFSET_COLUMN = "__connect_offset";
    private static final String DEFAULT_PRIMITIVE_KEY_COLUMN = "id";

    private final JdbcSinkConnectorConfig config;
    private final UnaryOperator<String> tableNames;
    private final IdentifierRules rules;
    private final ColumnNames columnNames;
    private final TableNameClaims tableClaims;
    private final Map<LayoutKey, RowLayout> upsertLayouts = new HashMap<>();
    private final Map<LayoutKey, RowLayout> deleteLayouts = new HashMap<>();
    private Schema lastKeySchema;
    private Schema lastValueSchema;
    private RowLayout lastUpsertLayout;
    private String lastTopic;
    private SourceInfo lastSource;
    private String lastTable;

    private record LayoutKey(Schema keySchema, Schema valueSchema, boolean guarded) {
    }

    /**
     * @param tableNames makes a rendered table or schema name safe for the database ({@code SinkDialect::tableName})
     * @param rules      the database's identifier rules, for column names
     */
    public RecordMapper(JdbcSinkConnectorConfig config, UnaryOperator<String> tableNames, IdentifierRules rules) {
        this.config = config;
        this.tableNames = tableNames;
        this.rules = rules;
        this.columnNames = new ColumnNames(rules, config.fieldSelection());
        this.tableClaims = new TableNameClaims(rules::tableKey);
    }

    /**
     * The row an event writes, or null when the event is a delete and deletes are disabled, or a tombstone that
     * cannot be routed because the template needs a source it does not carry.
     *
     * @throws BadRecordException when the record lacks what the configuration needs, or a value does not convert
     */
    public SinkRow map(ChangeEvent event) {
        if (SourcelessTombstone.skip(event, config.tableNameTemplate().needsSource(), "table")) {
            return null;
        }
        String table = table(event);
        if (event.operation() == Operation.DELETE) {
            if (!config.deleteEnabled()) {
                return null;
            }
            Struct image = event.value();
            boolean guarded = config.versionMode() == VersionMode.KAFKA_OFFSET
                    || config.versionMode() == VersionMode.FIELD && image != null
                    && image.schema().field(config.versionField()) != null;
            RowLayout layout = deleteLayouts.computeIfAbsent(
                    new LayoutKey(event.keySchema(), image == null ? null : image.schema(), guarded),
                    key -> deleteLayout(event, guarded));
            return new SinkRow(table, Operation.DELETE, layout, values(layout, event), event);
        }
        RowLayout layout;
        if (event.keySchema() == lastKeySchema && event.value().schema() == lastValueSchema) {
            layout = lastUpsertLayout; // converters cache schemas: the same instance, no deep hashing
        } else {
            layout = upsertLayouts.computeIfAbsent(new LayoutKey(event.keySchema(), event.value().schema(),
                    config.versionMode() != VersionMode.NONE), key -> upsertLayout(event));
            lastKeySchema = event.keySchema();
            lastValueSchema = event.value().schema();
            lastUpsertLayout = layout;
        }
        return new SinkRow(table, Operation.UPSERT, layout, values(layout, event), event);
    }

    /**
     * The event's target table. A name depends only on the topic and the source block, which a run of records
     * shares, so the last one is kept rather than rendered, sanitized and joined for every record.
     */
    private String table(ChangeEvent event) {
        String topic = event.topic();
        SourceInfo source = event.source();
        if (lastTable != null && topic.equals(lastTopic) && Objects.equals(source, lastSource)) {
            return lastTable;
        }
        TableId target = config.tableNameTemplate().render(event, tableNames);
        tableClaims.claim(event, target, config.tableNameTemplate().rendered(event));
        if (config.readModelGeneration() > 0) {
            String logical = rules.leavingRoomFor(ReadModelGeneration.MAX_SUFFIX_LENGTH, target.name());
            target = target.sibling(new ReadModelGeneration(logical, config.readModelGeneration())
                    .physicalName());
        }
        lastTopic = topic;
        lastSource = source;
        lastTable = target.toString();
        return lastTable;
    }

    private Object[] values(RowLayout layout, ChangeEvent event) {
        List<RowLayout.Column> columns = layout.columns();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            RowLayout.Column column = columns.get(i);
            Object value = column.reader().apply(event);
            if (value == null && column.spec().key()) {
                throw new BadRecordException(event.coordinates(), column.sourceField(), "the key column '"
                        + column.spec().name() + "' has no value.", JdbcSinkConnectorConfig.PK_MODE_CONFIG,
                        "key columns must always have a value; choose key fields that do (pk.mode, pk.fields).");
            }
            try {
                values[i] = ColumnValues.toJdbc(column.spec().kind(), column.spec().schema(), value);
            } catch (RuntimeException e) { // whatever a value's conversion throws is that value's fault
                throw new BadRecordException(event.coordinates(), column.sourceField(), "the value cannot be "
                        + "written to column '" + column.spec().name() + "': " + e.getMessage() + ".",
                        JdbcSinkConnectorConfig.FIELD_EXCLUDE_LIST_CONFIG, "exclude the field, or fix its producer.",
                        e);
            }
        }
        return values;
    }

    private RowLayout upsertLayout(ChangeEvent event) {
        List<RowLayout.Column> columns = new ArrayList<>(keyColumns(event, event.value()));
        Set<String> keyColumns = new LinkedHashSet<>();
        columns.forEach(column -> keyColumns.add(column.spec().name()));
        Set<String> keyFields = config.primaryKeyMode() == PrimaryKeyMode.RECORD_VALUE
                ? new LinkedHashSet<>(config.primaryKeyFields()) : Set.of();
        addValueColumns(columns, keyColumns, keyFields, event.value().schema(), new ArrayList<>(), "");
        String versionColumn = null;
        if (config.versionMode() == VersionMode.FIELD) {
            versionColumn = rename(config.versionField());
            String wanted = versionColumn;
            if (columns.stream().noneMatch(column -> column.spec().name().equals(wanted))) {
                throw new BadRecordException(event.coordinates(), config.versionField(), "the version field is "
                        + "missing from the value (or excluded by field.include.list/field.exclude.list).",
                        JdbcSinkConnectorConfig.VERSION_FIELD_CONFIG, "name a field every record carries.");
            }
        } else if (config.versionMode() == VersionMode.KAFKA_OFFSET) {
            versionColumn = config.versionColumn();
            columns.add(new RowLayout.Column(new ColumnSpec(versionColumn, Schema.INT64_SCHEMA, false), null,
                    ChangeEvent::offset));
        }
        columnNames.check(event, columns);
        return new RowLayout(columns, versionColumn);
    }

    private RowLayout deleteLayout(ChangeEvent event, boolean guarded) {
        List<RowLayout.Column> columns = new ArrayList<>(keyColumns(event, event.value()));
        String versionColumn = null;
        if (guarded && config.versionMode() == VersionMode.KAFKA_OFFSET) {
            versionColumn = config.versionColumn();
            columns.add(new RowLayout.Column(new ColumnSpec(versionColumn, Schema.INT64_SCHEMA, false), null,
                    ChangeEvent::offset));
        } else if (guarded) {
            Field field = event.value().schema().field(config.versionField());
            versionColumn = rename(field.name());
            columns.add(new RowLayout.Column(new ColumnSpec(versionColumn, field.schema(), false), field.name(),
                    e -> e.value() == null ? null : e.value().get(field.name())));
        }
        columnNames.check(event, columns);
        return new RowLayout(columns, versionColumn);
    }

    private List<RowLayout.Column> keyColumns(ChangeEvent event, Struct value) {
        List<RowLayout.Column> columns = new ArrayList<>();
        switch (config.primaryKeyMode()) {
            case NONE -> {
            }
            case KAFKA -> {
                columns.add(new RowLayout.Column(new ColumnSpec(KAFKA_TOPIC_COLUMN, Schema.STRING_SCHEMA, true), null,
                        e -> e.coordinates().topic()));
                columns.add(new RowLayout.Column(new ColumnSpec(KAFKA_PARTITION_COLUMN, Schema.INT32_SCHEMA, true),
                        null, e -> e.coordinates().partition()));
                columns.add(new RowLayout.Column(new ColumnSpec(KAFKA_OFFSET_COLUMN, Schema.INT64_SCHEMA, true),
                        null, ChangeEvent::offset));
            }
            case RECORD_KEY -> {
                Schema keySchema = event.keySchema();
                if (event.key() == null) {
                    throw new BadRecordException(event.coordinates(), null, "the record has no key, and "
                            + "pk.mode=record_key takes the primary key from it.",
                            JdbcSinkConnectorConfig.PK_MODE_CONFIG,
                            "use record_value with pk.fields, kafka, or none (insert mode).");
                }
                if (event.key() instanceof Struct key) {
                    List<String> wanted = config.primaryKeyFields();
                    for (Field field : key.schema().fields()) {
                        if (wanted.isEmpty() || wanted.contains(field.name())) {
                            String name = field.name();
                            columns.add(new RowLayout.Column(new ColumnSpec(rename(name), required(field.schema()),
                                    true), name, e -> ((Struct) e.key()).get(name)));
                        }
                    }
                    if (columns.isEmpty()) {
                        throw new BadRecordException(event.coordinates(), null, "none of the key fields "
                                + wanted + " is in the record key " + key.schema().fields().stream()
                                .map(Field::name).toList() + ".", JdbcSinkConnectorConfig.PK_FIELDS_CONFIG, null);
                    }
                } else {
                    String name = config.primaryKeyFields().isEmpty() ? DEFAULT_PRIMITIVE_KEY_COLUMN
                            : config.primaryKeyFields().get(0);
                    Schema schema = keySchema != null ? required(keySchema)
                            : SchemalessStructs.inferSchema(event.key());
                    columns.add(new RowLayout.Column(new ColumnSpec(rename(name), required(schema), true), null,
                            ChangeEvent::key));
                }
            }
            case RECORD_VALUE -> {
                Struct source = value != null ? value : event.key() instanceof Struct key ? key : null;
                for (String name : config.primaryKeyFields()) {
                    Field field = source == null ? null : source.schema().field(name);
                    if (field == null) {
                        throw new BadRecordException(event.coordinates(), name, "the key field is missing from the "
                                + (value != null ? "value" : "key") + ".", JdbcSinkConnectorConfig.PK_FIELDS_CONFIG,
                                "list fields every record carries.");
                    }
                    boolean fromValue = value != null;
                    columns.add(new RowLayout.Column(new ColumnSpec(rename(name), required(field.schema()), true), name,
                            e -> fromValue ? e.value().get(name) : ((Struct) e.key()).get(name)));
                }
            }
            default -> throw new IllegalStateException(config.primaryKeyMode().toString());
        }
        return columns;
    }

    private void addValueColumns(List<RowLayout.Column> columns, Set<String> keyColumns, Set<String> keyFields,
                                 Schema schema, List<String> path, String prefix) {
        for (Field field : schema.fields()) {
            String fieldName = prefix + field.name();
            List<String> fieldPath = new ArrayList<>(path);
            fieldPath.add(field.name());
            if (field.schema().type() == Schema.Type.STRUCT && field.schema().name() == null
                    && config.nestedMode() == NestedMode.FLATTEN) {
                // field.include.list may name a flattened field alone (address_city), so its struct is walked unless
                // excluded, and each flattened field decides for itself
                FieldSelection selection = config.fieldSelection();
                if (!selection.excludes(fieldName) && (path.isEmpty() || !selection.excludes(path.get(0)))) {
                    addValueColumns(columns, keyColumns, keyFields, field.schema(), fieldPath,
                            fieldName + config.nestedSeparator());
                }
                continue;
            }
            // Key and version fields are written whether field.include.list lists them or not (the configuration
            // refuses excluding them).
            if (!included(fieldName, path) && !keyFields.contains(fieldName)
                    && !fieldName.equals(config.versionField())) {
                continue;
            }
            String column = rename(fieldName);
            if (keyColumns.contains(column)) {
                continue; // already a key column, taken from the record key or from this very field
            }
            boolean key = keyFields.contains(fieldName);
            List<String> readPath = List.copyOf(fieldPath);
            ColumnSpec spec = new ColumnSpec(column, key ? required(field.schema()) : field.schema(), key);
            if (spec.kind() == ColumnKind.ARRAY && config.arrayMode() == ArrayMode.JSON) {
                spec = spec.as(ColumnKind.JSON);
            }
            columns.add(new RowLayout.Column(spec, fieldName, e -> read(e.value(), readPath)));
        }
    }

    private boolean included(String fieldName, List<String> parents) {
        FieldSelection selection = config.fieldSelection();
        return parents.isEmpty() ? selection.keeps(fieldName) : selection.keepsFlattened(parents.get(0), fieldName);
    }

    private static Object read(Struct value, List<String> path) {
        Object current = value;
        for (String name : path) {
            if (!(current instanceof Struct struct)) {
                return null;
            }
            current = struct.get(name);
        }
        return current;
    }

    /** The column of a field: renamed by field.renames, and cut uniquely when longer than the database holds. */
    private String rename(String field) {
        return columnNames.column(field);
    }

    /** Key columns never hold NULL, whatever the producer's schema says. */
    private static Schema required(Schema schema) {
        if (!schema.isOptional()) {
            return schema;
        }
        var builder = new SchemaBuilder(schema.type()).name(schema.name())
                .version(schema.version());
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        return builder.build();
    }

}
