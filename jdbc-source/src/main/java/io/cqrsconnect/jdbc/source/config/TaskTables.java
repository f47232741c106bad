package io.cqrsconnect.jdbc.source.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.TableId;

/**
 * The tables a task captures, carried in its task configuration under a key of its own (one table per line, since
 * a table name may hold a comma; a qualified table's schema before it, separated by the unit separator U+001F, since
 * a name may hold a dot), beside the connector's keys, which stay as the user wrote them.
 */
public final class TaskTables {

    /** The key of a task's tables; not a connector setting. */
    public static final String TASK_TABLES_CONFIG = "task.tables";

    private static final String SCHEMA_SEPARATOR = "\u001f";

    private TaskTables() {
    }

    public static String encode(List<TableId> tables) {
        return String.join("\n", tables.stream().map(table -> table.qualified()
                ? table.schema() + SCHEMA_SEPARATOR + table.name() : table.name()).toList());
    }

    /** The tables of a task configuration; empty when it has none (a query task). */
    public static List<TableId> decode(Map<String, String> taskConfig) {
        String text = taskConfig.get(TASK_TABLES_CONFIG);
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split("\n")).map(line -> {
            int separator = line.indexOf(SCHEMA_SEPARATOR);
            return separator < 0 ? TableId.of(line)
                    : new TableId(line.substring(0, separator), line.substring(separator + 1));
        }).toList();
    }
}
