package io.cqrsconnect.common.jdbc;

import java.util.Objects;

import org.apache.kafka.connect.data.Schema;

/**
 * A column a sink writes: its name, the Connect schema of its values, and whether it is part of the key.
 *
 * @param name the column name, unquoted
 * @param schema the Connect schema of the values bound into it
 * @param key true when the column is part of the table's primary key
 */
public record ColumnSpec(String name, Schema schema, boolean key) {

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
    }

    /** What the column holds. */
    public ColumnKind kind() {
        return ColumnKind.of(schema);
    }

    /** True when values may be null: an optional schema, and never for a key column. */
    public boolean nullable() {
        return !key && schema.isOptional();
    }
}
