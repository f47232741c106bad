package io.cqrsconnect.jdbc.common;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Writes a Connect value (struct, map, array, primitive) as JSON text, for JSON columns. Kept here rather than using
 * a JSON library so the plugin does not depend on whichever Jackson the worker happens to ship.
 */
public final class JsonText {

    private JsonText() {
    }

    /** The JSON text of a Connect value. */
    public static String of(Object value) {
        StringBuilder json = new StringBuilder(64);
        write(json, value);
        return json.toString();
    }

    private static void write(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Struct struct) {
            json.append('{');
            boolean first = true;
            for (Field field : struct.schema().fields()) {
                if (!first) {
                    json.append(',');
                }
                string(json, field.name());
                json.append(':');
                write(json, struct.get(field));
                first = false;
            }
            json.append('}');
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                string(json, String.valueOf(entry.getKey()));
                json.append(':');
                write(json, entry.getValue());
                first = false;
            }
            json.append('}');
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                write(json, list.get(i));
            }
            json.append(']');
        } else if (value instanceof BigDecimal decimal) {
            json.append(decimal.toPlainString());
        } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())
                || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            string(json, value.toString());
        } else if (value instanceof Number || value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof byte[] bytes) {
            string(json, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            string(json, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Date date) {
            string(json, date.toInstant().toString());
        } else {
            string(json, value.toString());
        }
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
