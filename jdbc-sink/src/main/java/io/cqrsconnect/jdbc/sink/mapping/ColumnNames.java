package io.cqrsconnect.jdbc.sink.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.config.FieldSelection;
import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig;

/**
 * Field names to column names, by the database's identifier rules: {@code field.renames} first, then a name longer
 * than the database holds is cut uniquely ({@link IdentifierRules#columnName}). The columns of one record are then
 * checked before any SQL is sent, so the user sees which field and which setting, never a raw SQL error such as
 * {@code column specified more than once}: a name the database cannot store (empty, or an emoji on MariaDB) and two
 * fields that end up in one column (after renaming or flattening, or because MariaDB's column names ignore case)
 * are a bad record naming the fields and {@code field.renames}.
 */
final class ColumnNames {

    private final IdentifierRules rules;
    private final FieldSelection fields;

    ColumnNames(IdentifierRules rules, FieldSelection fields) {
        this.rules = rules;
        this.fields = fields;
    }

    /** The column a field (its flattened name) is written to. */
    String column(String field) {
        return rules.columnName(fields.nameOf(field));
    }

    /** The key under which the database tells two column names apart (case-folded where it ignores case). */
    String key(String column) {
        return rules.columnKey(column);
    }

    /**
     * Checks the columns of one record's layout.
     *
     * @throws BadRecordException naming the field and {@code field.renames} for a name the database cannot store or
     *                            two fields that would be one column
     */
    void check(ChangeEvent event, List<RowLayout.Column> columns) {
        Map<String, RowLayout.Column> byKey = new HashMap<>();
        for (RowLayout.Column column : columns) {
            String name = column.spec().name();
            String field = column.sourceField() == null ? name : column.sourceField();
            String unstorable = rules.unstorable(name);
            if (unstorable != null) {
                throw new BadRecordException(event.coordinates(), field, "the column name '" + name
                        + "' cannot be created: " + unstorable + ".", JdbcSinkConnectorConfig.FIELD_RENAMES_CONFIG,
                        "rename the field to a name the database can store, e.g. '" + field + ":<new name>'.");
            }
            RowLayout.Column earlier = byKey.putIfAbsent(key(name), column);
            if (earlier != null) {
                String earlierName = earlier.spec().name();
                String earlierField = earlier.sourceField() == null ? earlierName : earlier.sourceField();
                String why = earlierName.equals(name) ? "" : " (the database does not tell '" + earlierName
                        + "' and '" + name + "' apart: its column names ignore case)";
                throw new BadRecordException(event.coordinates(), field, "the field would be written to column '"
                        + name + "', and so would field '" + earlierField + "'" + why + "; one column cannot hold "
                        + "both.", JdbcSinkConnectorConfig.FIELD_RENAMES_CONFIG,
                        "give one of them a column of its own, e.g. '" + field + ":" + field + "_2'.");
            }
        }
    }
}
