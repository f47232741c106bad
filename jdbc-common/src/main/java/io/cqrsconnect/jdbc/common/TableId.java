package io.cqrsconnect.jdbc.common;

import java.util.Objects;

/**
 * A table's name, optionally qualified by the schema that holds it (a database on MySQL/MariaDB). Every part is
 * quoted on its own ({@link SqlBuilder#table}), so a part may hold any character, a dot included.
 *
 * <p>The text form is {@code schema.table}, or {@code table} when unqualified: the way people write it, and the way
 * the sink's write path keys its buffers. {@link #parse} reads it back; it is only unambiguous for names whose parts
 * hold no dot, which is true of every name a sink computes (dialects make dots in data into underscores).
 *
 * @param schema the schema (on MySQL/MariaDB: the database), or null for the connection's current one
 * @param name the table name
 */
public record TableId(String schema, String name) {

    public TableId {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || schema != null && schema.isEmpty()) {
            throw new IllegalArgumentException("a table name and its schema must not be empty: '" + schema + "."
                    + name + "'");
        }
    }

    /** A table in the connection's current schema. */
    public static TableId of(String name) {
        return new TableId(null, name);
    }

    /**
     * The table a text form names: {@code table} or {@code schema.table}.
     *
     * @throws IllegalArgumentException when the text has more than one dot or an empty part
     */
    public static TableId parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return of(text);
        }
        if (text.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a table name: write table or schema.table");
        }
        return new TableId(text.substring(0, dot), text.substring(dot + 1));
    }

    /** True when the name says which schema holds the table. */
    public boolean qualified() {
        return schema != null;
    }

    /** Another table in the same schema. */
    public TableId sibling(String otherName) {
        return new TableId(schema, otherName);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
