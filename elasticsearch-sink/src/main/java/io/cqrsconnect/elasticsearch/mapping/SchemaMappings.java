package io.cqrsconnect.elasticsearch.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.cqrsconnect.common.config.FieldSelection;
import io.cqrsconnect.common.event.SchemalessStructs;
import io.cqrsconnect.common.values.LogicalType;
import io.cqrsconnect.elasticsearch.config.DecimalMapping;
import io.cqrsconnect.elasticsearch.config.StringMapping;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * Elasticsearch field mappings for a Connect schema, matching what {@code DocumentJson} writes. Logical types,
 * Connect's and Debezium's alike, are read through {@link LogicalType}, as the JDBC sink reads them:
 * <ul>
 *   <li>every integer as {@code long} and every float as {@code double}, so a schema that widens a field (int32 to
 *       int64, as a widened column does) still fits the index, whose field types cannot change in place;</li>
 *   <li>{@link Decimal} per {@code mapping.decimal.type} ({@code double}, {@code keyword}, or a {@code scaled_float}
 *       of its scale); Debezium's variable-scale decimal as {@code double}, or {@code keyword};</li>
 *   <li>dates ({@code strict_date}), timestamps and zoned timestamps ({@code strict_date_optional_time}) as
 *       {@code date}: milliseconds over a range of hundreds of millions of years. {@code date_nanos} would keep
 *       the nanoseconds in the index but refuses every instant before 1970 and after 2262, so it is not chosen;
 *       the document's source keeps every digit that was sent, and a custom mapping or an index template can
 *       still choose it;</li>
 *   <li>times of day and UUIDs as {@code keyword}: no date format holds 24:00:00, and the fixed-width text sorts and
 *       ranges in time order;</li>
 *   <li>bytes as {@code binary}, structs as objects, arrays as their element's mapping, maps as objects whose keys
 *       are mapped dynamically; strings (and Debezium's JSON text) as configured (text, keyword, or text with a
 *       keyword sub-field), with per-field overrides by dotted path.</li>
 * </ul>
 */
public final class SchemaMappings {

    /** Milliseconds since the epoch over Elasticsearch's whole year range; see the class comment. */
    private static final Map<String, Object> DATE = Map.of("type", "date", "format", "strict_date");
    private static final Map<String, Object> TIMESTAMP = Map.of("type", "date",
            "format", "strict_date_optional_time||epoch_millis");
    private static final Map<String, Object> KEYWORD = Map.of("type", "keyword");

    private final StringMapping strings;
    private final DecimalMapping decimals;
    private final Set<String> keywordFields;
    private final Set<String> textFields;
    private final FieldSelection fields;

    /**
     * @param keywordFields fields (dotted paths, as the document names them) mapped as keywords
     * @param textFields    fields (dotted paths, as the document names them) mapped as text
     * @param fields        the value fields documents hold and their names there, as {@code DocumentJson} is given
     */
    public SchemaMappings(StringMapping strings, DecimalMapping decimals, Set<String> keywordFields,
                          Set<String> textFields, FieldSelection fields) {
        this.fields = fields;
        this.strings = strings;
        this.decimals = decimals;
        this.keywordFields = Set.copyOf(keywordFields);
        this.textFields = Set.copyOf(textFields);
    }

    /**
     * The {@code properties} of a record value schema's fields, as JSON-ready maps: the fields the document holds,
     * under the names it holds them.
     */
    public Map<String, Object> properties(Schema struct) {
        return properties(fields.project(struct), "");
    }

    private Map<String, Object> properties(Schema struct, String prefix) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Field field : struct.fields()) {
            Map<String, Object> mapping = mapping(field.schema(), prefix + field.name());
            if (mapping != null) {
                properties.put(field.name(), mapping);
            }
        }
        return properties;
    }

    /** The mapping of one field, or null when the schema says nothing (a null whose type is unknown). */
    private Map<String, Object> mapping(Schema schema, String path) {
        if (SchemalessStructs.isNullType(schema)) {
            return null;
        }
        switch (LogicalType.of(schema)) {
            case DECIMAL -> {
                return decimal(schema);
            }
            case VARIABLE_DECIMAL -> {
                // each value has its own scale, so there is no factor to scale by: a double holds them all
                return decimals == DecimalMapping.KEYWORD ? Map.of("type", "keyword") : Map.of("type", "double");
            }
            case DATE -> {
                return DATE;
            }
            case TIMESTAMP, ZONED_TIMESTAMP -> {
                return TIMESTAMP;
            }
            case TIME, UUID -> {
                return KEYWORD;
            }
            case JSON, NONE -> {
                // JSON text is a string to search; anything else by its physical type
            }
        }
        return switch (schema.type()) {
            // the widest type of each kind: a field's type is fixed for the life of an index, and a schema that
            // widens a column (int32 to int64, float to double) must not start a stream of refused documents
            case INT8, INT16, INT32, INT64 -> Map.of("type", "long");
            case FLOAT32, FLOAT64 -> Map.of("type", "double");
            case BOOLEAN -> Map.of("type", "boolean");
            case BYTES -> Map.of("type", "binary");
            case STRING -> string(path);
            case STRUCT -> Map.of("properties", properties(schema, path + "."));
            case ARRAY -> mapping(schema.valueSchema(), path);
            case MAP -> Map.of("type", "object", "dynamic", true);
        };
    }

    private Map<String, Object> decimal(Schema schema) {
        return switch (decimals) {
            case DOUBLE -> Map.of("type", "double");
            case KEYWORD -> Map.of("type", "keyword");
            case SCALED_FLOAT -> {
                int scale = Integer.parseInt(schema.parameters().getOrDefault(Decimal.SCALE_FIELD, "0"));
                yield Map.of("type", "scaled_float", "scaling_factor", Math.pow(10, Math.max(scale, 0)));
            }
        };
    }

    private Map<String, Object> string(String path) {
        StringMapping mapping = keywordFields.contains(path) ? StringMapping.KEYWORD
                : textFields.contains(path) ? StringMapping.TEXT : strings;
        return switch (mapping) {
            case KEYWORD -> Map.of("type", "keyword");
            case TEXT -> Map.of("type", "text");
            case TEXT_AND_KEYWORD -> Map.of("type", "text",
                    "fields", Map.of("keyword", Map.of("type", "keyword", "ignore_above", 256)));
        };
    }
}
