package io.cqrsconnect.jdbc.sink.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.FieldSelection;
import io.cqrsconnect.common.config.PartiallyValidConfig;
import io.cqrsconnect.common.config.RetrySettings;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.jdbc.common.JdbcConnectionSettings;
import io.cqrsconnect.jdbc.common.SchemaSupport;
import io.cqrsconnect.jdbc.common.SinkDialect;
import io.cqrsconnect.jdbc.common.TableId;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The JDBC sink's configuration: one immutable, typed view of the settings, built from {@link #CONFIG_DEF}. Values
 * that need parsing (the table template, the field selection, enums) are parsed once here, so a bad value fails the
 * connector at start (and in {@code validate()}) rather than at the first record.
 */
public final class JdbcSinkConnectorConfig extends AbstractConfig {

    /** How rows are written. */
    public enum InsertMode { INSERT, UPSERT, UPDATE }

    /** Where a row's primary key comes from. */
    public enum PrimaryKeyMode { RECORD_KEY, RECORD_VALUE, KAFKA, NONE }

    /** What orders the versions of a row, for the version guard. */
    public enum VersionMode { NONE, FIELD, KAFKA_OFFSET }

    /** What becomes of nested structs. */
    public enum NestedMode { JSON, FLATTEN }

    /** How arrays of primitives are stored. */
    public enum ArrayMode { NATIVE, JSON }

    public static final String CONNECTION_GROUP = JdbcConnectionSettings.GROUP;
    public static final String WRITES_GROUP = "Writes";
    public static final String ROUTING_GROUP = "Routing";
    public static final String DDL_GROUP = "DDL";
    public static final String BATCHING_GROUP = "Batching and retries";
    public static final String EXACTLY_ONCE_GROUP = "Exactly-once";

    public static final String CONNECTION_URL_CONFIG = JdbcConnectionSettings.URL_CONFIG;
    public static final String CONNECTION_URL_DOC = "JDBC URL of the target database, e.g. "
            + "jdbc:postgresql://db:5432/readmodels, jdbc:mariadb://db:3306/readmodels, jdbc:sqlite:/data/rm.db, "
            + "jdbc:h2:mem:rm.";
    public static final String CONNECTION_USER_CONFIG = JdbcConnectionSettings.USER_CONFIG;
    public static final String CONNECTION_USER_DOC = "The database user.";
    public static final String CONNECTION_PASSWORD_CONFIG = JdbcConnectionSettings.PASSWORD_CONFIG;
    public static final String DIALECT_NAME_CONFIG = JdbcConnectionSettings.DIALECT_CONFIG;

    public static final String INSERT_MODE_CONFIG = "insert.mode";
    public static final String INSERT_MODE_DOC = "insert: plain INSERT (a second row with the same key fails); "
            + "upsert: insert or replace by key; update: UPDATE existing rows by key only.";
    public static final String INSERT_MODE_DEFAULT = "upsert";
    public static final String DELETE_ENABLED_CONFIG = "delete.enabled";
    public static final String DELETE_ENABLED_DOC = "Whether tombstones and Debezium delete events delete the row "
            + "with their key. When false they are skipped. Needs a key (pk.mode record_key or record_value).";
    public static final boolean DELETE_ENABLED_DEFAULT = true;
    public static final String PK_MODE_CONFIG = "pk.mode";
    public static final String PK_MODE_DOC = "Where the primary key comes from. record_key: the record key's "
            + "fields (a primitive key becomes one column named by pk.fields, default 'id'); record_value: the "
            + "value fields listed in pk.fields; kafka: the columns __connect_topic, __connect_partition and "
            + "__connect_offset; none: no key (insert mode only).";
    public static final String PK_MODE_DEFAULT = "record_key";
    public static final String PK_FIELDS_CONFIG = "pk.fields";
    public static final String PK_FIELDS_DOC = "The key fields. record_key: a subset of the key struct's fields "
            + "(empty: all), or the column name for a primitive key; record_value: required, the value fields "
            + "that form the key.";
    public static final String VERSION_MODE_CONFIG = "version.mode";
    public static final String VERSION_MODE_DOC = "The version guard: with field or kafka_offset, an upsert, "
            + "update or delete never touches a row holding a newer version, so replays and out-of-order events "
            + "cannot regress the table. field: the value field named by version.field; kafka_offset: the record's "
            + "offset, kept in the column version.column (a key must always be written from the same partition).";
    public static final String VERSION_MODE_DEFAULT = "none";
    public static final String VERSION_FIELD_CONFIG = "version.field";
    public static final String VERSION_FIELD_DOC = "The value field holding a row's version (a number or a "
            + "timestamp that grows with each change), for version.mode=field.";
    public static final String VERSION_FIELD_DEFAULT = "";
    public static final String VERSION_COLUMN_CONFIG = "version.column";
    public static final String VERSION_COLUMN_DOC = "The column that keeps the Kafka offset of a row's last write, "
            + "for version.mode=kafka_offset.";
    public static final String VERSION_COLUMN_DEFAULT = "__kafka_offset";

    public static final String TABLE_NAME_FORMAT_CONFIG = "table.name.format";
    public static final String TABLE_NAME_FORMAT_DOC = "The target table of each record: text with ${topic}, "
            + "${topic[N]} (the N-th dot-separated part; -1 is the last), ${source.db}, ${source.schema}, "
            + "${source.table} (Debezium events). A '.' written in the format separates a schema from the table "
            + "(schema.table, e.g. readmodels.${source.table}; on MySQL/MariaDB the schema is a database): the "
            + "schema must exist (the connector creates tables, never schemas), and SQLite has none. In the values "
            + "of variables, and in each part, characters other than letters, digits and '_' become '_'; a name "
            + "longer than the database allows is cut to a prefix, '_' and 8 hex digits of its SHA-256. Two names "
            + "that become one table (a.b and a_b, Orders and orders) are not merged: the second's records are "
            + "bad records.";
    public static final String TABLE_NAME_FORMAT_DEFAULT = "${topic}";
    public static final String READ_MODEL_GENERATION_CONFIG = "read.model.generation";
    public static final String READ_MODEL_GENERATION_DOC = "0: write into the table the template names. N >= 1: the "
            + "template names a read model's logical name, and rows go into its generation N, the table "
            + "<name>__gN; when no view of the logical name exists yet, the connector creates one over this "
            + "generation, so readers use the logical name. An existing view is left alone: switching readers to a "
            + "newer generation is the rebuild's decision.";
    public static final int READ_MODEL_GENERATION_DEFAULT = 0;
    public static final String FIELD_INCLUDE_LIST_CONFIG = FieldSelection.FIELD_INCLUDE_LIST_CONFIG;
    public static final String FIELDS_INCLUDE_DOC = "Value fields to write (before renaming); empty: all. Key "
            + "columns are always written.";
    public static final String FIELD_EXCLUDE_LIST_CONFIG = FieldSelection.FIELD_EXCLUDE_LIST_CONFIG;
    public static final String FIELDS_EXCLUDE_DOC = "Value fields not to write (before renaming).";
    public static final String FIELD_RENAMES_CONFIG = FieldSelection.FIELD_RENAMES_CONFIG;
    public static final String FIELDS_RENAME_DOC = "Column names for fields, as field:column pairs, e.g. "
            + "'cust_id:customer_id,ts:updated_at'. Applies to key and value fields. A column name longer than the "
            + "database allows is cut to a prefix, '_' and 8 hex digits of its SHA-256; two fields that would be "
            + "one column (also Id and id on MySQL/MariaDB and SQLite), and names the database cannot store (an "
            + "emoji on MySQL/MariaDB), are bad records: rename them here.";
    public static final String NESTED_MODE_CONFIG = "nested.mode";
    public static final String NESTED_MODE_DOC = "Nested structs: json writes each into one JSON column (jsonb on "
            + "PostgreSQL); flatten writes their fields as columns named parent<separator>child. Maps are always JSON; "
            + "arrays follow array.mode.";
    public static final String NESTED_MODE_DEFAULT = "json";
    public static final String NESTED_SEPARATOR_CONFIG = "nested.separator";
    public static final String NESTED_SEPARATOR_DOC = "The separator of flattened column names.";
    public static final String NESTED_SEPARATOR_DEFAULT = "_";
    public static final String ARRAY_MODE_CONFIG = "array.mode";
    public static final String ARRAY_MODE_DOC = "Arrays of primitives (integers, floats, booleans, strings without "
            + "a logical type): native writes them as native arrays where the database has them (PostgreSQL: "
            + "smallint[], integer[], bigint[], real[], double precision[], boolean[], text[], as Debezium's JDBC "
            + "sink does), and as JSON elsewhere; json writes them as JSON text (jsonb on PostgreSQL). Either way an "
            + "existing column decides: arrays go into a jsonb column as JSON, into an array column as an array. "
            + "Arrays of anything else (structs, decimals, dates, arrays) are always JSON.";
    public static final String ARRAY_MODE_DEFAULT = "native";

    public static final String AUTO_CREATE_CONFIG = "auto.create";
    public static final String AUTO_CREATE_DOC = "Create a missing table from the record's schema.";
    public static final boolean AUTO_CREATE_DEFAULT = true;
    public static final String AUTO_EVOLVE_CONFIG = "auto.evolve";
    public static final String AUTO_EVOLVE_DOC = "Add missing columns; widen columns whose values outgrew them (a "
            + "larger integer, a double for a single-precision float, a DECIMAL with more digits before or after the "
            + "point, a longer VARCHAR when the field declares its length) in place, keeping their rows and "
            + "nullability; and let NOT NULL columns accept NULL when records lack them (SQLite cannot: such records "
            + "are rejected). Nothing is ever dropped, narrowed or converted: values no widening holds without loss "
            + "(fractions into an integer column) stop the task with a message naming the table and column; a "
            + "DECIMAL grows at most to the database's largest, and each value it cannot hold exactly is refused "
            + "on its own (docs/jdbc-sink-types.md). SQLite is dynamically typed and needs no widening. With false "
            + "the connector changes nothing: the database judges each row, except decimals a column would round, "
            + "which the connector refuses.";
    public static final boolean AUTO_EVOLVE_DEFAULT = true;

    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final String BATCH_SIZE_DOC = "The most rows buffered per table before they are written; a "
            + "buffer is also written at the end of each batch the worker delivers, on a schema change, and before "
            + "offsets are committed. While a write runs, rows keep gathering; once this many wait, the task pauses "
            + "consuming until the write ends (backpressure-pauses counts it).";
    public static final int BATCH_SIZE_DEFAULT = 3000;

    public static final String EXACTLY_ONCE_ENABLED_CONFIG = "exactly.once.enabled";
    public static final String EXACTLY_ONCE_ENABLED_DOC = "Keep the consumed offsets in a table of the target "
            + "database, written in the same transaction as the rows of each batch, and resume from them when "
            + "partitions are assigned: a crash or rebalance then neither loses nor repeats a write, even in insert "
            + "mode. A row the database rejects is set aside behind a savepoint and the rest commit with the "
            + "offsets in the same transaction. On a database without savepoints, such a batch is written one "
            + "row per transaction and the offsets in a last one: a crash in between can repeat those rows "
            + "(upserts make that harmless; insert mode reports them as duplicates). The Connect offsets API moves "
            + "these offsets too (PATCH or DELETE /connectors/{name}/offsets on the stopped connector).";
    public static final boolean EXACTLY_ONCE_ENABLED_DEFAULT = false;
    public static final String EXACTLY_ONCE_OFFSETS_TABLE_CONFIG = "exactly.once.offsets.table";
    public static final String EXACTLY_ONCE_OFFSETS_TABLE_DOC = "The table holding the offsets in exactly-once mode "
            + "(created when missing); one row per connector, topic and partition. A name alone puts it in the "
            + "connection's current schema; schema.table puts it in that schema (on MySQL/MariaDB, a database), "
            + "e.g. connect_offsets.cqrs_connect_offsets, beside schema-qualified targets or apart from them. The "
            + "schema must exist (the connector creates the table, never a schema), and SQLite has none. Both parts "
            + "are used as written (quoted); a '.' can only separate the schema from the table.";
    public static final String EXACTLY_ONCE_OFFSETS_TABLE_DEFAULT = "cqrs_connect_offsets";

    public static final ConfigDef CONFIG_DEF = JdbcSinkConfigDef.build();

    private final InsertMode insertMode;
    /** Read on every record: parsed once, not looked up per call. */
    private final int batchSize;
    private final int readModelGeneration;
    private final PrimaryKeyMode primaryKeyMode;
    private final VersionMode versionMode;
    private final NestedMode nestedMode;
    private final ArrayMode arrayMode;
    private final TableNameTemplate tableNameTemplate;
    private final FieldSelection fieldSelection;
    /** What did not parse; the public constructor throws the first, {@link #problemsOf} reports them all. */
    private final ConfigProblems parseProblems = new ConfigProblems();
    private final TableId exactlyOnceOffsetsTable;

    /**
     * Reads a configuration.
     *
     * @throws ConfigException on the first value that does not parse (the table template, the field selection);
     *                         the rules between settings are {@link #crossFieldProblems()}
     */
    public JdbcSinkConnectorConfig(Map<?, ?> originals) {
        this(CONFIG_DEF, originals);
        parseProblems.throwFirst(CONFIG_DEF, originals);
    }

    private JdbcSinkConnectorConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
        insertMode = EnumSetting.parse(InsertMode.class, INSERT_MODE_CONFIG, getString(INSERT_MODE_CONFIG));
        batchSize = getInt(BATCH_SIZE_CONFIG);
        readModelGeneration = getInt(READ_MODEL_GENERATION_CONFIG);
        primaryKeyMode = EnumSetting.parse(PrimaryKeyMode.class, PK_MODE_CONFIG, getString(PK_MODE_CONFIG));
        versionMode = EnumSetting.parse(VersionMode.class, VERSION_MODE_CONFIG, getString(VERSION_MODE_CONFIG));
        nestedMode = EnumSetting.parse(NestedMode.class, NESTED_MODE_CONFIG, getString(NESTED_MODE_CONFIG));
        arrayMode = EnumSetting.parse(ArrayMode.class, ARRAY_MODE_CONFIG, getString(ARRAY_MODE_CONFIG));
        tableNameTemplate = parsed(TABLE_NAME_FORMAT_CONFIG,
                () -> TableNameTemplate.parse(getString(TABLE_NAME_FORMAT_CONFIG), TABLE_NAME_FORMAT_CONFIG));
        fieldSelection = FieldSelection.of(this, parseProblems);
        exactlyOnceOffsetsTable = TableId.parse(getString(EXACTLY_ONCE_OFFSETS_TABLE_CONFIG)); // validated by the def
    }

    /**
     * Every problem of a configuration that can be found offline beyond each value's own validation, each on the key
     * to change: what {@code validate()} adds to Kafka's per-key answer. Values that failed their own validation stand
     * at their defaults, and the rules that read them, or a value that does not parse, are skipped.
     */
    public static ConfigProblems problemsOf(PartiallyValidConfig partial) {
        JdbcSinkConnectorConfig config = new JdbcSinkConnectorConfig(partial.definition(), partial.validOriginals());
        Set<String> invalid = new HashSet<>(partial.invalidKeys());
        invalid.addAll(config.parseProblems.byKey().keySet());
        CrossFieldRules.collect(config, invalid, config.parseProblems);
        return config.parseProblems;
    }

    /** A value parsed, or null with its problem recorded on its key. */
    private <T> T parsed(String key, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (ConfigException e) {
            parseProblems.add(key, e);
            return null;
        }
    }

    public String connectionUrl() {
        return JdbcConnectionSettings.url(this);
    }

    public String connectionUser() {
        return JdbcConnectionSettings.user(this);
    }

    public Password connectionPassword() {
        return JdbcConnectionSettings.password(this);
    }

    public String dialectName() {
        return JdbcConnectionSettings.dialect(this);
    }

    public InsertMode insertMode() {
        return insertMode;
    }

    public boolean deleteEnabled() {
        return getBoolean(DELETE_ENABLED_CONFIG);
    }

    public PrimaryKeyMode primaryKeyMode() {
        return primaryKeyMode;
    }

    public List<String> primaryKeyFields() {
        return getList(PK_FIELDS_CONFIG);
    }

    public VersionMode versionMode() {
        return versionMode;
    }

    public String versionField() {
        return getString(VERSION_FIELD_CONFIG);
    }

    public String versionColumn() {
        return getString(VERSION_COLUMN_CONFIG);
    }

    public TableNameTemplate tableNameTemplate() {
        return tableNameTemplate;
    }

    /** The read model generation to write, or 0 to write the template's table directly. */
    public int readModelGeneration() {
        return readModelGeneration;
    }

    /** The value fields written and their column names (the {@code field.*} settings). */
    public FieldSelection fieldSelection() {
        return fieldSelection;
    }

    public NestedMode nestedMode() {
        return nestedMode;
    }

    public String nestedSeparator() {
        return getString(NESTED_SEPARATOR_CONFIG);
    }

    public ArrayMode arrayMode() {
        return arrayMode;
    }

    public boolean autoCreate() {
        return getBoolean(AUTO_CREATE_CONFIG);
    }

    public boolean autoEvolve() {
        return getBoolean(AUTO_EVOLVE_CONFIG);
    }

    public int batchSize() {
        return batchSize;
    }

    public RetryPolicy retryPolicy() {
        return RetrySettings.policy(this);
    }

    public boolean exactlyOnce() {
        return getBoolean(EXACTLY_ONCE_ENABLED_CONFIG);
    }

    /** The offsets table of exactly-once mode, qualified when the setting names a schema. */
    public TableId exactlyOnceOffsetsTable() {
        return exactlyOnceOffsetsTable;
    }

    /**
     * Problems between settings, by the key the user should change (empty when the settings agree with each
     * other): the connector and its tasks refuse to start with any. {@code validate()} runs the same rules
     * ({@link CrossFieldRules}) through {@link #problemsOf}.
     */
    public ConfigProblems crossFieldProblems() {
        ConfigProblems problems = new ConfigProblems();
        CrossFieldRules.collect(this, Set.of(), problems);
        return problems;
    }

    /**
     * Problems between the settings and the database's dialect, by the key the user should change (empty when
     * there are none): {@code validate()} reports them, and a task refuses to start with any.
     */
    public ConfigProblems dialectProblems(SinkDialect dialect) {
        ConfigProblems problems = new ConfigProblems();
        if (tableNameTemplate.qualified() && dialect.schemaSupport() == SchemaSupport.NONE) {
            problems.add(TABLE_NAME_FORMAT_CONFIG, "'" + tableNameTemplate + "' names a schema, and the "
                    + dialect.name() + " dialect has no schemas; write the table name alone (a '.' in a variable's "
                    + "value becomes '_', a '.' written in the format separates a schema), e.g. "
                    + "readmodels_${source.table}");
        }
        if (exactlyOnce() && exactlyOnceOffsetsTable.qualified() && dialect.schemaSupport() == SchemaSupport.NONE) {
            problems.add(EXACTLY_ONCE_OFFSETS_TABLE_CONFIG, "'" + exactlyOnceOffsetsTable + "' names a schema, and the "
                    + dialect.name() + " dialect has no schemas; write the table name alone, e.g. "
                    + exactlyOnceOffsetsTable.name());
        }
        return problems;
    }
}
