package io.cqrsconnect.jdbc.common.dialect;

import java.util.List;

import io.cqrsconnect.jdbc.common.ColumnKind;
import org.apache.kafka.connect.data.Schema;

/**
 * PostgreSQL's native arrays of primitives: the element types, the array literal a list binds as (one text value,
 * parsed by the server into the column's array type, so the same form serves a single parameter and one element of
 * an {@code UNNEST} column), and the element schema an existing array column holds.
 */
final class PostgresArrays {

    private PostgresArrays() {
    }

    /** The array type for elements of this kind, e.g. {@code BIGINT[]}. */
    static String arrayType(ColumnKind element) {
        return switch (element) {
            case INT8, INT16 -> "SMALLINT[]";
            case INT32 -> "INTEGER[]";
            case INT64 -> "BIGINT[]";
            case FLOAT32 -> "REAL[]";
            case FLOAT64 -> "DOUBLE PRECISION[]";
            case BOOLEAN -> "BOOLEAN[]";
            default -> "TEXT[]";
        };
    }

    /**
     * The array literal of a list: {@code {"1","2",NULL}}. Every element is double-quoted with its backslashes and
     * quotes escaped, so commas, braces, spaces and the word NULL in a string stay data; a null element is NULL.
     */
    static String literal(List<?> values) {
        StringBuilder literal = new StringBuilder(2 + values.size() * 8).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            Object value = values.get(i);
            if (value == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            String text = value.toString();
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    /**
     * The element schema of an existing array column by its catalog type name ({@code _int8}, {@code _text}, ...),
     * or null for arrays of other types.
     */
    static Schema elementSchema(String typeName) {
        return switch (typeName == null ? "" : typeName) {
            case "_int2" -> Schema.OPTIONAL_INT16_SCHEMA;
            case "_int4" -> Schema.OPTIONAL_INT32_SCHEMA;
            case "_int8" -> Schema.OPTIONAL_INT64_SCHEMA;
            case "_float4" -> Schema.OPTIONAL_FLOAT32_SCHEMA;
            case "_float8" -> Schema.OPTIONAL_FLOAT64_SCHEMA;
            case "_bool" -> Schema.OPTIONAL_BOOLEAN_SCHEMA;
            case "_text", "_varchar", "_bpchar" -> Schema.OPTIONAL_STRING_SCHEMA;
            default -> null;
        };
    }
}
