package io.cqrsconnect.jdbc.common;

import java.util.Objects;

import org.apache.kafka.connect.data.Schema;

/**
 * A column a sink writes: its name, the Connect schema of its values, whether it is part of the key, and what it
 * holds.
 *
 * @param name the column name, unquoted
 * @param schema the Connect schema of the values bound into it
 * @param key true when the column is part of the table's primary key
 * @param kind what the column holds: the schema's {@link ColumnKind}, unless the sink chose another way to store
 *             the same values (an array as JSON text, say)
 */
public record ColumnSpec(String name, Schema schema, boolean key, ColumnKind kind) {

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(kind, "kind");
    }

    /** A column holding its schema's kind. */
    public ColumnSpec(String name, Schema schema, boolean key) {
        this(name, schema, key, ColumnKind.of(schema));
    }

    /** The same column, storing its values as another kind. */
    public ColumnSpec as(ColumnKind otherKind) {
        return new ColumnSpec(name, schema, key, otherKind);
    }

    /** True when values may be null: an optional schema, and never for a key column. */
    public boolean nullable() {
        return !key && schema.isOptional();
    }
}
