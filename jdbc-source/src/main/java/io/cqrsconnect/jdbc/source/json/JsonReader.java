package io.cqrsconnect.jdbc.source.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text (RFC 8259) into plain Java values: objects as ordered maps, arrays as lists, strings, booleans,
 * {@link #NULL}, and numbers as an {@link Integer} or {@link Long} when integral and in range, else a {@link Double}
 * (the number types Debezium's outbox router infers). Kept here rather than using a JSON library so the plugin does
 * not depend on whichever Jackson the worker ships.
 */
public final class JsonReader {

    /** JSON's null, told apart from a missing value. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * The value of a JSON text.
     *
     * @throws IllegalArgumentException where the text is not JSON
     */
    public static Object read(String text) {
        JsonReader reader = new JsonReader(text);
        Object value = reader.value();
        reader.skipBlanks();
        if (reader.at != text.length()) {
            throw reader.problem("text after the value");
        }
        return value;
    }

    private Object value() {
        skipBlanks();
        if (at >= text.length()) {
            throw problem("no value");
        }
        char next = text.charAt(at);
        return switch (next) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", NULL);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        at++;
        skipBlanks();
        if (peek('}')) {
            at++;
            return object;
        }
        while (true) {
            skipBlanks();
            if (!peek('"')) {
                throw problem("a member name");
            }
            String name = string();
            skipBlanks();
            expect(':');
            object.putIfAbsent(name, value());
            skipBlanks();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return object;
            }
        }
    }

    private List<Object> array() {
        List<Object> array = new ArrayList<>();
        at++;
        skipBlanks();
        if (peek(']')) {
            at++;
            return array;
        }
        while (true) {
            array.add(value());
            skipBlanks();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return array;
            }
        }
    }

    private String string() {
        at++;
        StringBuilder string = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return string.toString();
            }
            if (c != '\\') {
                string.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case '"', '\\', '/' -> string.append(escaped);
                case 'b' -> string.append('\b');
                case 'f' -> string.append('\f');
                case 'n' -> string.append('\n');
                case 'r' -> string.append('\r');
                case 't' -> string.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw problem("four hex digits");
                    }
                    string.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> throw problem("an escape");
            }
        }
        throw problem("the end of a string");
    }

    private Object word(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw problem(word);
        }
        at += word.length();
        return value;
    }

    private Object number() {
        int start = at;
        boolean integral = true;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            integral &= Character.isDigit(text.charAt(at)) || (at == start && text.charAt(at) == '-');
            at++;
        }
        String number = text.substring(start, at);
        if (number.isEmpty() || !number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            at = start;
            throw problem("a value");
        }
        if (integral) {
            try {
                long value = Long.parseLong(number);
                if (value == (int) value) {
                    return Integer.valueOf((int) value); // not a ?: expression, which would make it a Long
                }
                return Long.valueOf(value);
            } catch (NumberFormatException beyondLong) {
                return Double.valueOf(number);
            }
        }
        return Double.valueOf(number);
    }

    private void skipBlanks() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw problem("'" + c + "'");
        }
        at++;
    }

    private IllegalArgumentException problem(String expected) {
        return new IllegalArgumentException("expected " + expected + " at character " + at);
    }
}
