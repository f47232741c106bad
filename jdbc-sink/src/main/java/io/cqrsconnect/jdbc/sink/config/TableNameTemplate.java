package io.cqrsconnect.jdbc.sink.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.naming.NamingTemplate;
import io.cqrsconnect.jdbc.common.TableId;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@code table.name.format} parsed: a table name template, optionally qualified by a schema template. A dot written
 * in the format itself ({@code readmodels.${source.table}}) separates the schema from the table; dots that come
 * from data ({@code ${topic}} of {@code server.inventory.customers}) are part of a name, and the dialect makes them
 * underscores like any other unsafe character, so existing formats keep naming the tables they named.
 */
public final class TableNameTemplate {

    private final String format;
    private final NamingTemplate schema;
    private final NamingTemplate table;

    private TableNameTemplate(String format, NamingTemplate schema, NamingTemplate table) {
        this.format = format;
        this.schema = schema;
        this.table = table;
    }

    /**
     * Parses a format.
     *
     * @throws ConfigException when it is empty, names an unknown variable, has more than one literal dot, or an
     *                         empty schema or table part
     */
    static TableNameTemplate parse(String format, String configKey) {
        if (format == null || format.isBlank()) {
            throw new ConfigException(configKey, format, "a table name format must not be empty; e.g. ${topic}");
        }
        List<Integer> dots = literalDots(format);
        if (dots.isEmpty()) {
            return new TableNameTemplate(format, null, NamingTemplate.parse(format, configKey));
        }
        if (dots.size() > 1) {
            throw new ConfigException(configKey, format, "a table name is table or schema.table: one '.' at most "
                    + "(dots inside ${...} values become '_')");
        }
        String schemaPart = format.substring(0, dots.get(0));
        String tablePart = format.substring(dots.get(0) + 1);
        if (schemaPart.isBlank() || tablePart.isBlank()) {
            throw new ConfigException(configKey, format, "both sides of the '.' must name something: "
                    + "schema.table, e.g. readmodels.${source.table}");
        }
        return new TableNameTemplate(format, NamingTemplate.parse(schemaPart, configKey),
                NamingTemplate.parse(tablePart, configKey));
    }

    /** The positions of the dots outside {@code ${...}} variables. */
    private static List<Integer> literalDots(String format) {
        List<Integer> dots = new ArrayList<>();
        boolean inVariable = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (!inVariable && c == '$' && i + 1 < format.length() && format.charAt(i + 1) == '{') {
                inVariable = true;
            } else if (inVariable && c == '}') {
                inVariable = false;
            } else if (!inVariable && c == '.') {
                dots.add(i);
            }
        }
        return dots;
    }

    /** True when the format names a schema. */
    boolean qualified() {
        return schema != null;
    }

    /** True when the format needs a change-data-capture source ({@code ${source.*}}). */
    public boolean needsSource() {
        return table.needsSource() || schema != null && schema.needsSource();
    }

    /**
     * The table of one event, each part made safe by {@code names} (the dialect's {@code tableName}).
     *
     * @throws BadRecordException when the event lacks what a variable needs, or a part renders empty
     */
    public TableId render(ChangeEvent event, UnaryOperator<String> names) {
        String schemaName = schema == null ? null : names.apply(schema.render(event));
        String tableName = names.apply(table.render(event));
        if (tableName.isEmpty() || schemaName != null && schemaName.isEmpty()) {
            throw new BadRecordException(event.coordinates(), null, "the table name format renders '"
                    + rendered(event) + "', and a table (and its schema) needs a name.",
                    JdbcSinkConnectorConfig.TABLE_NAME_FORMAT_CONFIG, "use a format that names a table for every "
                    + "record, e.g. ${topic}.");
        }
        return new TableId(schemaName, tableName);
    }

    /** The name of one event's table as the format renders it, before the database's rules make it safe. */
    public String rendered(ChangeEvent event) {
        return schema == null ? table.render(event) : schema.render(event) + "." + table.render(event);
    }

    @Override
    public String toString() {
        return format;
    }
}
