package io.cqrsconnect.jdbc.source.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The settings of changelog mode: whether the connector installs the changelog tables and their triggers, and how
 * the changelog tables are named. Add a changelog setting here.
 *
 * @param install whether missing changelogs are installed
 * @param tableNameFormat the changelog tables' name, {@link #TABLE_PLACEHOLDER} standing for the captured table's
 */
public record ChangelogSettings(boolean install, String tableNameFormat) {

    public static final String GROUP = "Changelog";

    public static final String CHANGELOG_INSTALL_CONFIG = "changelog.install";
    public static final String CHANGELOG_INSTALL_DOC = "mode=changelog: true lets the connector create each "
            + "captured table's changelog table and its triggers when they are missing (it needs the privileges to "
            + "create tables and triggers; validate() checks them). false installs nothing: validate() and a "
            + "task that finds no matching changelog report the exact DDL for a DBA to run, and the task logs it.";
    public static final boolean CHANGELOG_INSTALL_DEFAULT = true;
    public static final String CHANGELOG_TABLE_NAME_FORMAT_CONFIG = "changelog.table.name.format";
    public static final String CHANGELOG_TABLE_NAME_FORMAT_DOC = "mode=changelog: the name of each captured "
            + "table's changelog table, ${source.table} standing for the captured table's name; it lives in the same "
            + "schema. Tables with names of this form are never captured themselves.";
    public static final String CHANGELOG_TABLE_NAME_FORMAT_DEFAULT = "${source.table}__changelog";
    /** What {@link #CHANGELOG_TABLE_NAME_FORMAT_CONFIG} replaces with the captured table's name. */
    public static final String TABLE_PLACEHOLDER = "${source.table}";

    static void define(ConfigDef def) {
        int order = 0;
        def.define(CHANGELOG_INSTALL_CONFIG, Type.BOOLEAN, CHANGELOG_INSTALL_DEFAULT, Importance.MEDIUM,
                CHANGELOG_INSTALL_DOC, GROUP, ++order, Width.SHORT, "Install changelog");
        def.define(CHANGELOG_TABLE_NAME_FORMAT_CONFIG, Type.STRING, CHANGELOG_TABLE_NAME_FORMAT_DEFAULT,
                new ConfigDef.NonEmptyString(), Importance.LOW, CHANGELOG_TABLE_NAME_FORMAT_DOC, GROUP,
                ++order, Width.MEDIUM, "Changelog table name");
    }

    static ChangelogSettings of(AbstractConfig config) {
        return new ChangelogSettings(config.getBoolean(CHANGELOG_INSTALL_CONFIG),
                config.getString(CHANGELOG_TABLE_NAME_FORMAT_CONFIG));
    }

    /** The name of a captured table's changelog table. */
    public String tableName(String tableName) {
        return tableNameFormat.replace(TABLE_PLACEHOLDER, tableName);
    }

    /** True when a table's name is of the changelog tables' form (ignoring case). */
    public boolean isChangelogTable(String tableName) {
        int at = tableNameFormat.indexOf(TABLE_PLACEHOLDER);
        if (at < 0) {
            return tableName.equalsIgnoreCase(tableNameFormat);
        }
        String prefix = tableNameFormat.substring(0, at);
        String suffix = tableNameFormat.substring(at + TABLE_PLACEHOLDER.length());
        return tableName.length() > prefix.length() + suffix.length()
                && tableName.regionMatches(true, 0, prefix, 0, prefix.length())
                && tableName.regionMatches(true, tableName.length() - suffix.length(), suffix, 0, suffix.length());
    }
}
