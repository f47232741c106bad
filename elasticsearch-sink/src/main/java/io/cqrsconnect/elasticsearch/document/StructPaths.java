package io.cqrsconnect.elasticsearch.document;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** Looks up a field of a struct by a dotted path ({@code customer.id}); nested structs only. */
final class StructPaths {

    /** A field's schema and value; {@code found} is false when the path names no field. */
    record Lookup(boolean found, Schema schema, Object value) {
        static final Lookup MISSING = new Lookup(false, null, null);
    }

    private StructPaths() {
    }

    static Lookup find(Struct struct, String path) {
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
