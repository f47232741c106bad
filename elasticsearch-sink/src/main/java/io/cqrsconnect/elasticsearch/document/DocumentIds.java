package io.cqrsconnect.elasticsearch.document;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.StructPaths;
import io.cqrsconnect.common.values.LogicalValues;
import io.cqrsconnect.elasticsearch.config.IdStrategy;
import io.cqrsconnect.elasticsearch.config.IndexSettings;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Turns an event into its document id, the same id for the same key on every run and every worker.
 *
 * <p>A primitive becomes its text ({@code 42}, {@code abc}); bytes become base64. Several values (a struct key's
 * fields in schema order, the configured value fields, a list) are joined with {@code |}, each with {@code \} and
 * {@code |} escaped by {@code \}, a null written as {@code \N}: so no two different keys share an id. A struct of
 * one field is that field's value, so a key {@code {"id": 7}} makes the id {@code 7}, as its primitive form would.
 * A schemaless (map) key has no field order of its own (JSON converters produce hash maps): its fields are taken in
 * name order, each as {@code name=value}, unless it has a single field, which is its value.
 */
public final class DocumentIds {

    /** Elasticsearch's limit on {@code _id}. */
    static final int MAX_ID_BYTES = 512;
    private static final char SEPARATOR = '|';
    private static final String NULL = "\\N";

    private final IdStrategy strategy;
    private final List<String> valueFields;

    public DocumentIds(IdStrategy strategy, List<String> valueFields) {
        this.strategy = strategy;
        this.valueFields = List.copyOf(valueFields);
    }

    public IdStrategy strategy() {
        return strategy;
    }

    /**
     * The id of the document an event writes or deletes.
     *
     * @throws BadRecordException when the event lacks what the strategy needs, or the id is too long
     */
    public String idFor(ChangeEvent event) {
        String id = switch (strategy) {
            case RECORD_KEY -> fromKey(event);
            case RECORD_VALUE -> fromValueFields(event);
            case KAFKA -> event.coordinates().topic() + SEPARATOR + event.coordinates().partition()
                    + SEPARATOR + event.coordinates().offset();
        };
        if (id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            throw new BadRecordException(event.coordinates(), null, "the document id is longer than "
                    + MAX_ID_BYTES + " bytes, Elasticsearch's limit.",
                    IndexSettings.PK_MODE_CONFIG,
                    "choose a shorter key or other fields.");
        }
        return id;
    }

    private String fromKey(ChangeEvent event) {
        if (event.key() == null) {
            throw new BadRecordException(event.coordinates(), null, "the record has no key, and the document id "
                    + "comes from the key.", IndexSettings.PK_MODE_CONFIG,
                    "use record_value (with pk.fields) or kafka for keyless topics.");
        }
        if (event.record() != null && event.record().key() instanceof Map<?, ?> map) {
            // a schemaless key: JSON converters hand over hash maps, so the field order is the name order
            return orNullMark(render(null, map));
        }
        return orNullMark(render(event.keySchema(), event.key()));
    }

    private String fromValueFields(ChangeEvent event) {
        Struct value = event.value();
        if (value == null) {
            throw new BadRecordException(event.coordinates(), null, "the record has no value to take the document "
                    + "id from (a tombstone, or a delete without a before image).",
                    IndexSettings.PK_MODE_CONFIG,
                    "use record_key so deletes find their document.");
        }
        List<String> parts = new ArrayList<>();
        for (String path : valueFields) {
            StructPaths.Lookup lookup = StructPaths.find(value, path);
            if (!lookup.found()) {
                throw new BadRecordException(event.coordinates(), path, "the value has no such field to take the "
                        + "document id from.", IndexSettings.PK_FIELDS_CONFIG,
                        "list fields every record has.");
            }
            parts.add(render(lookup.schema(), lookup.value()));
        }
        return parts.size() == 1 ? orNullMark(parts.get(0)) : join(parts);
    }

    private static String orNullMark(String part) {
        return part == null ? NULL : part;
    }

    /** The id text of one value, or null for a null value (which only a join can write, as {@code \N}). */
    static String render(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (schema != null && schema.name() != null) {
            switch (schema.name()) {
                case Decimal.LOGICAL_NAME -> {
                    return ((BigDecimal) value).toPlainString();
                }
                case Timestamp.LOGICAL_NAME -> {
                    return LogicalValues.timestamp(schema, value).toInstant(ZoneOffset.UTC).toString();
                }
                case Date.LOGICAL_NAME -> {
                    return LogicalValues.date(value).toString();
                }
                default -> {
                    // rendered by its physical type
                }
            }
        }
        if (value instanceof Struct struct) {
            List<Field> fields = struct.schema().fields();
            if (fields.size() == 1) {
                return orNullMark(render(fields.get(0).schema(), struct.get(fields.get(0))));
            }
            List<String> parts = new ArrayList<>();
            for (Field field : fields) {
                parts.add(render(field.schema(), struct.get(field)));
            }
            return join(parts);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Collection<?> items) {
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                parts.add(render(schema == null ? null : schema.valueSchema(), item));
            }
            return join(parts);
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Object only = map.values().iterator().next();
                return render(schema == null ? null : schema.valueSchema(), only);
            }
            // sorted, so the id does not depend on the map's iteration order
            Map<String, String> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k),
                    render(schema == null ? null : schema.valueSchema(), v)));
            List<String> parts = new ArrayList<>();
            sorted.forEach((k, v) -> parts.add(escape(k) + "=" + (v == null ? NULL : escape(v))));
            return join(parts);
        }
        return value.toString();
    }

    private static String join(List<String> parts) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                id.append(SEPARATOR);
            }
            String part = parts.get(i);
            id.append(part == null ? NULL : escape(part));
        }
        return id.toString();
    }

    private static String escape(String part) {
        if (part.indexOf('\\') < 0 && part.indexOf(SEPARATOR) < 0) {
            return part;
        }
        StringBuilder escaped = new StringBuilder(part.length() + 4);
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\' || c == SEPARATOR) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
