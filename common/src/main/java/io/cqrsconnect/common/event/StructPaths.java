package io.cqrsconnect.common.event;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Looks up a field of a struct by a dotted path ({@code customer.id}), through nested structs only (a map or an
 * array ends the path), as the settings that name a field of a record (a key, version, routing or time field) read
 * it.
 */
public final class StructPaths {

    /** A field's schema and value; {@code found} is false when the path names no field. */
    public record Lookup(boolean found, Schema schema, Object value) {
        public static final Lookup MISSING = new Lookup(false, null, null);
    }

    private StructPaths() {
    }

    /** The field at {@code path} in {@code struct}, or {@link Lookup#MISSING}; a null struct on the way is missing. */
    public static Lookup find(Struct struct, String path) {
        Struct current = struct;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (current == null) {
                return Lookup.MISSING;
            }
            Field field = current.schema().field(parts[i]);
            if (field == null) {
                return Lookup.MISSING;
            }
            Object value = current.get(field);
            if (i == parts.length - 1) {
                return new Lookup(true, field.schema(), value);
            }
            if (field.schema().type() != Schema.Type.STRUCT) {
                return Lookup.MISSING;
            }
            current = (Struct) value;
        }
        return Lookup.MISSING;
    }
}
