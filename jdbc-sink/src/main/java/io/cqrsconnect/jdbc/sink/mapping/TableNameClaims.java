package io.cqrsconnect.jdbc.sink.mapping;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;

/**
 * Which rendered name each table was first written for, in this task: two names that only differ in characters a
 * table name cannot hold ({@code a.b} and {@code a_b}, {@code Order Lines} and {@code Order-Lines}) become one
 * table (as do {@code Orders} and {@code orders}: the sink finds an existing table whatever its case, see
 * {@link io.cqrsconnect.jdbc.common.IdentifierRules#tableKey}), and writing both into it would merge their rows
 * silently; the second is refused instead, naming
 * {@code table.name.format}. Names too long for the database never meet here: their cut carries a hash of the
 * rendered name ({@link io.cqrsconnect.common.naming.NameLength}).
 *
 * <p>Only what this task has seen since it started is known: two such names consumed by different tasks, or one
 * before and one after a restart, are not detected. One entry per table written, so the memory is that of the
 * tables, not of the records.
 */
final class TableNameClaims {

    private final Map<TableId, String> renderedByTable = new HashMap<>();
    private final UnaryOperator<String> tableKey;

    /** @param tableKey the key under which the database tells table names apart ({@code IdentifierRules::tableKey}) */
    TableNameClaims(UnaryOperator<String> tableKey) {
        this.tableKey = tableKey;
    }

    /**
     * Claims {@code table} for the name {@code rendered}, unless another rendered name has it.
     *
     * @throws BadRecordException naming {@code table.name.format} when the table is another name's
     */
    void claim(ChangeEvent event, TableId table, String rendered) {
        TableId key = new TableId(table.schema() == null ? null : tableKey.apply(table.schema()),
                tableKey.apply(table.name()));
        String earlier = renderedByTable.putIfAbsent(key, rendered);
        if (earlier != null && !earlier.equals(rendered)) {
            throw new BadRecordException(event.coordinates(), null, "the table name format renders '" + rendered
                    + "', which becomes table '" + table + "'; '" + earlier + "' is already written to that table, "
                    + "and the rows of the two would merge.", JdbcSinkConnectorConfig.TABLE_NAME_FORMAT_CONFIG,
                    "use a format that keeps the two apart (a table name holds only letters, digits and '_').");
        }
    }
}
