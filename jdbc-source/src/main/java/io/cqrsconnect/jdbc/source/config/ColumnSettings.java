package io.cqrsconnect.jdbc.source.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.jdbc.common.TableId;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Which columns of each table are captured and how decimals are represented: Debezium's {@code column.include.list},
 * {@code column.exclude.list} and {@code decimal.handling.mode}, with its meaning. Add a column-level setting here.
 *
 * @param includes the include patterns (empty: every column)
 * @param excludes the exclude patterns
 * @param decimals how decimals are represented
 */
public record ColumnSettings(List<Pattern> includes, List<Pattern> excludes, DecimalHandling decimals) {

    public static final String GROUP = "Columns";

    public static final String COLUMN_INCLUDE_LIST_CONFIG = "column.include.list";
    public static final String COLUMN_INCLUDE_LIST_DOC = "Regular expressions, comma-separated, matched ignoring "
            + "case against the whole fully-qualified name of each column, schema.table.column (on MySQL/MariaDB "
            + "database.table.column; the schema is the connection's current one unless schema.include.list "
            + "qualifies the table), or table.column: only the columns that match one are captured, SELECTed by "
            + "name. Empty: every column (SELECT *, so a column added later is captured from the next read). The "
            + "key columns and the mode's incrementing and timestamp columns must be captured: validate() names the "
            + "one excluded. In changelog mode the triggers keep every column and the records carry only these. "
            + "Not with query (it selects its own columns), column.exclude.list or outbox.enabled.";
    public static final String COLUMN_EXCLUDE_LIST_CONFIG = "column.exclude.list";
    public static final String COLUMN_EXCLUDE_LIST_DOC = "Regular expressions, comma-separated, matched as "
            + "column.include.list's: the columns that match one are not captured, every other is. Not with "
            + "column.include.list.";
    public static final String DECIMAL_HANDLING_MODE_CONFIG = "decimal.handling.mode";
    public static final String DECIMAL_HANDLING_MODE_DOC = "How DECIMAL/NUMERIC columns are captured (Debezium's "
            + "setting). precise: exactly, as Connect's Decimal (DECIMAL(p,s)) or Debezium's VariableScaleDecimal "
            + "(a numeric without precision); a value with more digits than its column's scale is refused. double: "
            + "as FLOAT64, the nearest double, for consumers without decimals; digits beyond 15-17 are lost. string: "
            + "exactly, as text in plain notation (no exponent). Unsigned BIGINT stays a decimal in every mode.";
    public static final String DECIMAL_HANDLING_MODE_DEFAULT = "precise";

    static void define(ConfigDef def) {
        int order = 0;
        def.define(COLUMN_INCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM, COLUMN_INCLUDE_LIST_DOC, GROUP,
                ++order, Width.LONG, "Columns to capture");
        def.define(COLUMN_EXCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM, COLUMN_EXCLUDE_LIST_DOC, GROUP,
                ++order, Width.LONG, "Columns not to capture");
        def.define(DECIMAL_HANDLING_MODE_CONFIG, Type.STRING, DECIMAL_HANDLING_MODE_DEFAULT,
                EnumSetting.validator(DecimalHandling.class), Importance.MEDIUM, DECIMAL_HANDLING_MODE_DOC, GROUP,
                ++order, Width.SHORT, "Decimals", EnumSetting.recommender(DecimalHandling.class));
    }

    /** The settings of a configuration; a pattern that does not compile is reported on its key. */
    static ColumnSettings of(AbstractConfig config, ConfigProblems problems) {
        return new ColumnSettings(patterns(config, COLUMN_INCLUDE_LIST_CONFIG, problems),
                patterns(config, COLUMN_EXCLUDE_LIST_CONFIG, problems),
                EnumSetting.parse(DecimalHandling.class, DECIMAL_HANDLING_MODE_CONFIG,
                        config.getString(DECIMAL_HANDLING_MODE_CONFIG)));
    }

    /** True when a column list is set, so only some columns may be captured. */
    public boolean filters() {
        return !includes.isEmpty() || !excludes.isEmpty();
    }

    /** The key of the column list in use, for problems about what it leaves out. */
    public String listKey() {
        return includes.isEmpty() ? COLUMN_EXCLUDE_LIST_CONFIG : COLUMN_INCLUDE_LIST_CONFIG;
    }

    /**
     * True when a column of a table is captured.
     *
     * @param schema the schema (database) holding the table, or null when unknown
     */
    public boolean captures(String schema, TableId table, String column) {
        if (!filters()) {
            return true;
        }
        String local = table.name() + "." + column;
        String owner = table.schema() != null ? table.schema() : schema;
        String qualified = owner == null ? null : owner + "." + local;
        boolean matched = (includes.isEmpty() ? excludes : includes).stream()
                .anyMatch(p -> p.matcher(local).matches() || qualified != null && p.matcher(qualified).matches());
        return includes.isEmpty() != matched;
    }

    /** The name the column lists match a column by, as problems quote it. */
    public static String qualifiedName(String schema, TableId table, String column) {
        String owner = table.schema() != null ? table.schema() : schema;
        return (owner == null ? "" : owner + ".") + table.name() + "." + column;
    }

    private static List<Pattern> patterns(AbstractConfig config, String key, ConfigProblems problems) {
        try {
            return config.getList(key).stream().map(String::trim).filter(text -> !text.isEmpty())
                    .map(text -> Pattern.compile(text, Pattern.CASE_INSENSITIVE)).toList();
        } catch (PatternSyntaxException e) {
            problems.add(key, "'" + e.getPattern() + "' is not a regular expression: " + e.getDescription());
            return List.of();
        }
    }
}
