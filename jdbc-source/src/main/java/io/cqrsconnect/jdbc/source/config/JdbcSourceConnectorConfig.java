package io.cqrsconnect.jdbc.source.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.PartiallyValidConfig;
import io.cqrsconnect.common.config.RetrySettings;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.jdbc.common.JdbcConnectionSettings;
import io.cqrsconnect.jdbc.common.TableId;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The JDBC source's configuration: one immutable, typed view of the settings, built from {@link #CONFIG_DEF}, with
 * the values that need parsing (mode, patterns, zone) parsed once here.
 */
public final class JdbcSourceConnectorConfig extends AbstractConfig {

    public static final String CONNECTION_GROUP = JdbcConnectionSettings.GROUP;
    public static final String CAPTURE_GROUP = "Capture";
    public static final String COMMIT_SAFETY_GROUP = "Commit safety";
    public static final String OUTPUT_GROUP = "Output";
    public static final String POLLING_GROUP = "Polling and retries";

    public static final String CONNECTION_URL_CONFIG = JdbcConnectionSettings.URL_CONFIG;
    public static final String CONNECTION_URL_DOC = "JDBC URL of the database to capture, e.g. "
            + "jdbc:postgresql://db:5432/shop, jdbc:mariadb://db:3306/shop, jdbc:sqlite:/data/shop.db, "
            + "jdbc:h2:tcp://db/shop.";
    public static final String CONNECTION_USER_CONFIG = JdbcConnectionSettings.USER_CONFIG;
    public static final String CONNECTION_USER_DOC = "The database user. Commit-safe reads need to see other "
            + "sessions' transactions: on PostgreSQL the role pg_read_all_stats (or superuser), on MySQL/MariaDB the "
            + "PROCESS privilege; validate() checks it.";
    public static final String CONNECTION_PASSWORD_CONFIG = JdbcConnectionSettings.PASSWORD_CONFIG;
    public static final String DIALECT_NAME_CONFIG = JdbcConnectionSettings.DIALECT_CONFIG;

    public static final String MODE_CONFIG = "mode";
    public static final String MODE_DOC = "How rows are found. bulk: every row of each table, every poll.interval.ms. "
            + "incrementing: new rows, by incrementing.column.name (an integer that grows with each insert); "
            + "updates are not seen. timestamp: new and updated rows, by timestamp.column.name (set on each "
            + "write), the key columns breaking ties between rows sharing a timestamp. timestamp_incrementing: the "
            + "same, incrementing.column.name breaking ties (Confluent's timestamp+incrementing). Incremental "
            + "modes are commit-safe: see the Commit safety settings. changelog: inserts, updates and deletes with "
            + "before and after images, from a changelog table per captured table that triggers fill (see the "
            + "Changelog settings); the changelog's ids are read like an incrementing column, so an id taken by a "
            + "transaction that commits later is not skipped.";
    public static final String MODE_DEFAULT = "timestamp_incrementing";

    public static final String TABLE_INCLUDE_LIST_CONFIG = "table.include.list";
    public static final String TABLE_INCLUDE_LIST_DOC = "Regular expressions, comma-separated, matched ignoring "
            + "case against the whole name of each table of the connection's current schema (on MySQL/MariaDB: "
            + "database), or, when schema.include.list or schema.exclude.list is set, against schema.table for the "
            + "tables of the schemas they choose; the tables that match one are captured. Empty: every table. Not "
            + "with query.";
    public static final String TABLE_EXCLUDE_LIST_CONFIG = "table.exclude.list";
    public static final String TABLE_EXCLUDE_LIST_DOC = "Regular expressions, comma-separated: tables whose whole "
            + "name matches one are not captured, even when table.include.list matches them.";
    public static final String SCHEMA_INCLUDE_LIST_CONFIG = "schema.include.list";
    public static final String SCHEMA_INCLUDE_LIST_DOC = "Regular expressions, comma-separated, matched ignoring "
            + "case against the whole name of each schema (on MySQL/MariaDB: database) the user can see; the tables "
            + "of the schemas that match one are captured (system schemas never are), named schema.table in "
            + "table.include.list, table.exclude.list and the column lists, and sent to the topic "
            + "<prefix><schema>.<table>. Empty (with schema.exclude.list empty): only the connection's current "
            + "schema, tables unqualified, topics <prefix><table>. Not on SQLite (no schemas), nor with query.";
    public static final String SCHEMA_EXCLUDE_LIST_CONFIG = "schema.exclude.list";
    public static final String SCHEMA_EXCLUDE_LIST_DOC = "Regular expressions, comma-separated: the schemas whose "
            + "whole name matches one are not captured, even when schema.include.list matches them. Set alone, every "
            + "other schema is captured, tables and topics named as schema.include.list says.";
    public static final String TABLE_POLL_INTERVAL_MS_CONFIG = "table.poll.interval.ms";
    public static final String TABLE_POLL_INTERVAL_MS_DOC = "How often the connector lists the tables again; a "
            + "table that appears or disappears reassigns the tables to the tasks. One catalog query per interval.";
    public static final long TABLE_POLL_INTERVAL_MS_DEFAULT = 60_000L;
    public static final String QUERY_CONFIG = "query";
    public static final String QUERY_DOC = "Capture the rows of this query instead of tables: any SELECT (joins, "
            + "WHERE and GROUP BY included). The connector wraps it as a derived table, SELECT * FROM (query) "
            + "cqrs_query WHERE <mode's conditions> ORDER BY ..., and never edits its text, so a WHERE inside it "
            + "works; its columns must have distinct names. Needs pk.fields. One task captures it.";
    public static final String QUERY_DEFAULT = "";
    public static final String INCREMENTING_COLUMN_NAME_CONFIG = "incrementing.column.name";
    public static final String INCREMENTING_COLUMN_NAME_DOC = "The integer column that grows with each insert "
            + "(an auto-increment or sequence id), for incrementing and timestamp_incrementing.";
    public static final String INCREMENTING_COLUMN_NAME_DEFAULT = "";
    public static final String TIMESTAMP_COLUMN_NAME_CONFIG = "timestamp.column.name";
    public static final String TIMESTAMP_COLUMN_NAME_DOC = "The timestamp column set on every insert and update, "
            + "for timestamp and timestamp_incrementing. Rows where it is NULL are not captured. For the commit-safe "
            + "guarantee it must be taken from the database's clock by the writing transaction (DEFAULT now(), "
            + "CURRENT_TIMESTAMP, ON UPDATE CURRENT_TIMESTAMP, a trigger), not from the application's clock.";
    public static final String TIMESTAMP_COLUMN_NAME_DEFAULT = "";
    public static final String PK_FIELDS_CONFIG = "pk.fields";
    public static final String PK_FIELDS_DOC = "The columns that key each record (the record key is a struct of "
            + "them), for tables without a primary key and for query. Empty: each table's primary key. When set, it "
            + "keys every captured table, so each must have these columns.";

    public static final String DB_TIMEZONE_CONFIG = "db.timezone";
    public static final String DB_TIMEZONE_DOC = "The zone of the database's wall clock: the zone in which "
            + "timestamp columns without a zone (timestamp, DATETIME) are written. Used to compare them with the "
            + "transaction start times the database reports. Values are captured as stored, never shifted.";
    public static final String DB_TIMEZONE_DEFAULT = "UTC";
    public static final String COMMIT_LOOKBACK_MS_CONFIG = "commit.lookback.ms";
    public static final String COMMIT_LOOKBACK_MS_DOC = "Only for databases that cannot list their open "
            + "transactions (SQLite, H2, generic JDBC): the longest a write transaction stays open. Rows stamped "
            + "within this window are read once it has passed, and ids missing below the highest one read are "
            + "looked for again until it has passed. PostgreSQL and MySQL/MariaDB ignore it: they say what is in "
            + "flight.";
    public static final long COMMIT_LOOKBACK_MS_DEFAULT = 10_000L;

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String TOPIC_PREFIX_DOC = "Each table's records go to the topic <prefix><table> (a character "
            + "of the table's name that a topic name cannot hold becomes '_'); with query, to the topic named by the "
            + "prefix alone.";

    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    public static final String POLL_INTERVAL_MS_DOC = "How long a table that had no new rows waits before it is "
            + "read again.";
    public static final long POLL_INTERVAL_MS_DEFAULT = 5_000L;
    public static final String BATCH_MAX_ROWS_CONFIG = "batch.max.rows";
    public static final String BATCH_MAX_ROWS_DOC = "The most rows one query reads (a snapshot chunk, a page of an "
            + "incremental read, a purge of the changelog); a table that filled its batch is read again at once. "
            + "The task holds one batch in memory: lower it for very wide rows; a smaller batch costs a query per "
            + "batch (see the source benchmark's report).";
    public static final int BATCH_MAX_ROWS_DEFAULT = 10_000;

    public static final String OUTPUT_FORMAT_CONFIG = "output.format";
    public static final String OUTPUT_FORMAT_DOC = "What a record's value holds. row: the row as it is (after an "
            + "update; a delete is a tombstone only). envelope: a Debezium-compatible change event (before, after, "
            + "op c/u/d, source with db, schema and table, ts_ms), a tombstone following each delete; only "
            + "mode=changelog knows before images and deletes, so only it offers envelope.";
    public static final String OUTPUT_FORMAT_DEFAULT = "row";

    public static final ConfigDef CONFIG_DEF = JdbcSourceConfigDef.build();

    private final CaptureMode mode;
    private final OutputFormat outputFormat;
    private final SnapshotSettings snapshot;
    private final ChangelogSettings changelog;
    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final List<Pattern> schemaIncludes;
    private final List<Pattern> schemaExcludes;
    private final ZoneId zone;
    private final OutboxSettings outbox;
    private final ColumnSettings columns;
    private final ConfigProblems parseProblems = new ConfigProblems();

    /**
     * Reads a configuration.
     *
     * @throws ConfigException on the first value that does not parse
     */
    public JdbcSourceConnectorConfig(Map<?, ?> originals) {
        this(CONFIG_DEF, originals);
        parseProblems.throwFirst(CONFIG_DEF, originals);
    }

    private JdbcSourceConnectorConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals);
        mode = EnumSetting.parse(CaptureMode.class, MODE_CONFIG, getString(MODE_CONFIG));
        outputFormat = EnumSetting.parse(OutputFormat.class, OUTPUT_FORMAT_CONFIG, getString(OUTPUT_FORMAT_CONFIG));
        includes = patterns(TABLE_INCLUDE_LIST_CONFIG);
        excludes = patterns(TABLE_EXCLUDE_LIST_CONFIG);
        schemaIncludes = patterns(SCHEMA_INCLUDE_LIST_CONFIG);
        schemaExcludes = patterns(SCHEMA_EXCLUDE_LIST_CONFIG);
        zone = zone();
        snapshot = SnapshotSettings.of(this, parseProblems);
        changelog = ChangelogSettings.of(this);
        outbox = OutboxSettings.of(this);
        columns = ColumnSettings.of(this, parseProblems);
    }

    /**
     * Every problem found offline beyond each value's own validation, on the key to change: what {@code validate()}
     * adds before it connects. Rules reading an invalid key are skipped.
     */
    public static ConfigProblems problemsOf(PartiallyValidConfig partial) {
        JdbcSourceConnectorConfig config = new JdbcSourceConnectorConfig(partial.definition(),
                partial.validOriginals());
        Set<String> invalid = new HashSet<>(partial.invalidKeys());
        invalid.addAll(config.parseProblems.byKey().keySet());
        SourceConfigRules.collect(config, invalid, config.parseProblems);
        return config.parseProblems;
    }

    /** The rules between settings, for a connector or task refusing to start. */
    public ConfigProblems crossFieldProblems() {
        ConfigProblems problems = new ConfigProblems();
        SourceConfigRules.collect(this, Set.of(), problems);
        return problems;
    }

    private List<Pattern> patterns(String key) {
        try {
            return getList(key).stream()
                    .map(text -> Pattern.compile(text.trim(), Pattern.CASE_INSENSITIVE)).toList();
        } catch (PatternSyntaxException e) {
            parseProblems.add(key, "'" + e.getPattern() + "' is not a regular expression: " + e.getDescription());
            return List.of();
        }
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(getString(DB_TIMEZONE_CONFIG));
        } catch (RuntimeException e) {
            parseProblems.add(DB_TIMEZONE_CONFIG, "'" + getString(DB_TIMEZONE_CONFIG) + "' is not a time zone "
                    + "(use a region such as Europe/Berlin, or UTC)");
            return ZoneId.of("UTC");
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

    public CaptureMode mode() {
        return mode;
    }

    /**
     * True when a table's name is to be captured: some include pattern (or none given) and no exclude matches; the
     * signal table never is.
     */
    public boolean captures(String tableName) {
        TableId signals = snapshot.signalTable();
        if (signals != null && (signals.name().equalsIgnoreCase(tableName)
                || signals.toString().equalsIgnoreCase(tableName))) {
            return false;
        }
        return matches(includes, excludes, tableName);
    }

    /**
     * True when a table is to be captured: its name, {@code schema.table} when the schema lists are set
     * ({@link #listsSchemas()}), matched as {@link #captures(String)} says.
     */
    public boolean captures(TableId table) {
        return captures(table.toString());
    }

    /** True when the schema lists choose the schemas, so tables are qualified by theirs. */
    public boolean listsSchemas() {
        return !schemaIncludes.isEmpty() || !schemaExcludes.isEmpty();
    }

    /** True when a schema's tables are to be captured ({@link #listsSchemas()} only). */
    public boolean capturesSchema(String schema) {
        return matches(schemaIncludes, schemaExcludes, schema);
    }

    private static boolean matches(List<Pattern> includes, List<Pattern> excludes, String name) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(name).matches());
        return included && excludes.stream().noneMatch(p -> p.matcher(name).matches());
    }

    public List<String> tableIncludeList() {
        return getList(TABLE_INCLUDE_LIST_CONFIG);
    }

    public Duration tablePollInterval() {
        return Duration.ofMillis(getLong(TABLE_POLL_INTERVAL_MS_CONFIG));
    }

    /** The user's query with trailing semicolons and blanks dropped (they would end the derived table), or empty. */
    public String query() {
        String query = getString(QUERY_CONFIG).strip();
        while (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1).strip();
        }
        return query;
    }

    public boolean capturesQuery() {
        return !query().isEmpty();
    }

    public String incrementingColumn() {
        return getString(INCREMENTING_COLUMN_NAME_CONFIG).trim();
    }

    public String timestampColumn() {
        return getString(TIMESTAMP_COLUMN_NAME_CONFIG).trim();
    }

    public List<String> keyColumns() {
        return getList(PK_FIELDS_CONFIG).stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    public ZoneId databaseZone() {
        return zone;
    }

    public Duration commitLookBack() {
        return Duration.ofMillis(getLong(COMMIT_LOOKBACK_MS_CONFIG));
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX_CONFIG);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
    }

    public int batchMaxRows() {
        return getInt(BATCH_MAX_ROWS_CONFIG);
    }

    /** Whether tables are snapshotted first, and the signal table that asks for snapshots again. */
    public SnapshotSettings snapshot() {
        return snapshot;
    }

    public OutputFormat outputFormat() {
        return outputFormat;
    }

    /** Whether the changelog tables are installed, and their names. */
    public ChangelogSettings changelog() {
        return changelog;
    }

    /** True in changelog mode for a table whose name is of the changelog tables' form: it is never captured. */
    public boolean isChangelogTable(String tableName) {
        return mode == CaptureMode.CHANGELOG && changelog.isChangelogTable(tableName);
    }

    /** Which columns are captured, and how decimals are represented. */
    public ColumnSettings columns() {
        return columns;
    }

    /** The outbox relay's settings ({@code outbox.enabled} says whether it relays). */
    public OutboxSettings outbox() {
        return outbox;
    }

    public RetryPolicy retryPolicy() {
        return RetrySettings.policy(this);
    }
}
