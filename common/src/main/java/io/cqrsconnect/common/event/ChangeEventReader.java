package io.cqrsconnect.common.event;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.record.RecordCoordinates;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads each {@link SinkRecord} once into a {@link ChangeEvent}, whatever its shape:
 * <ul>
 *   <li>a {@link Struct} with a schema, or a schemaless map: an upsert of that image;</li>
 *   <li>a Debezium envelope (with or without schema): {@code c}, {@code r}, {@code u} upsert the {@code after}
 *       image; {@code d} deletes (carrying the {@code before} image when there is one); {@code t} (truncate) and
 *       {@code m} (message) have no row to write and are skipped;</li>
 *   <li>a value flattened by Debezium's {@code ExtractNewRecordState} with its {@code __deleted} field set to true:
 *       a delete;</li>
 *   <li>a tombstone (null value): a delete by key. A tombstone carries no source block, yet Debezium writes one
 *       right after each delete event so that compaction can drop the key; it is given the source of the last
 *       change-data-capture event read from its topic (a Debezium topic holds one table), so that routing by
 *       {@code ${source.table}} sends it where its delete went.</li>
 * </ul>
 * Anything else (a bare string or number as the value, say) is a {@link BadRecordException} naming the converter
 * setting to fix. A task keeps one reader (it remembers each topic's last source); it is thread-safe.
 */
public final class ChangeEventReader {

    private final Map<String, SourceInfo> lastSourceByTopic = new ConcurrentHashMap<>();
    private volatile SchemaShape lastValueShape;

    /** The field Debezium's {@code ExtractNewRecordState} adds when {@code delete.handling.mode=rewrite}. */
    static final String REWRITTEN_DELETE_FIELD = "__deleted";

    /**
     * Whether a value schema is a Debezium envelope, and its {@code __deleted} field, remembered for the last schema
     * seen: converters hand out the same schema instance for a run of records, and looking fields up for every
     * record showed in profiles.
     */
    private SchemaShape shape(Schema schema) {
        SchemaShape last = lastValueShape; // one read: the fields stay consistent whichever thread wrote them
        if (last == null || last.schema() != schema) {
            last = new SchemaShape(schema, DebeziumEnvelope.isEnvelope(schema),
                    schema.type() == Schema.Type.STRUCT ? schema.field(REWRITTEN_DELETE_FIELD) : null);
            lastValueShape = last;
        }
        return last;
    }

    private record SchemaShape(Schema schema, boolean envelope, Field rewrittenDelete) {
    }

    /**
     * The change event a record stands for, or empty when the record has nothing to write (a Debezium truncate or
     * message event).
     *
     * @throws BadRecordException when the value has a shape no sink can write
     */
    public Optional<ChangeEvent> read(SinkRecord record) {
        RecordCoordinates coordinates = RecordCoordinates.of(record);
        Schema keySchema = record.keySchema();
        Object key = record.key();
        if (key instanceof Map<?, ?> map) {
            Struct keyStruct = toStruct(coordinates, map, "key");
            keySchema = keyStruct.schema();
            key = keyStruct;
        }
        Object value = record.value();
        if (value == null) {
            return Optional.of(new ChangeEvent(coordinates, Operation.DELETE, keySchema, key, null,
                    lastSourceByTopic.get(record.topic()), true, record));
        }
        if (value instanceof Struct struct) {
            SchemaShape shape = shape(struct.schema());
            if (shape.envelope()) {
                return fromEnvelope(coordinates, record, keySchema, key, struct.getString(DebeziumEnvelope.OP),
                        struct.getStruct(DebeziumEnvelope.BEFORE), struct.getStruct(DebeziumEnvelope.AFTER),
                        DebeziumEnvelope.source(struct));
            }
            return Optional.of(plain(coordinates, record, keySchema, key, struct, shape.rewrittenDelete()));
        }
        if (value instanceof Map<?, ?> map) {
            if (DebeziumEnvelope.isEnvelope(map)) {
                Object before = map.get(DebeziumEnvelope.BEFORE);
                Object after = map.get(DebeziumEnvelope.AFTER);
                return fromEnvelope(coordinates, record, keySchema, key, (String) map.get(DebeziumEnvelope.OP),
                        before == null ? null : toStruct(coordinates, (Map<?, ?>) before, "before"),
                        after == null ? null : toStruct(coordinates, (Map<?, ?>) after, "after"),
                        DebeziumEnvelope.source(map));
            }
            Struct struct = toStruct(coordinates, map, "value");
            return Optional.of(plain(coordinates, record, keySchema, key, struct,
                    struct.schema().field(REWRITTEN_DELETE_FIELD)));
        }
        throw new BadRecordException(coordinates, null, "the value is a " + value.getClass().getSimpleName()
                + ", not a struct or a map, so it has no fields to write.", "value.converter",
                "use a converter that produces structured values, e.g. org.apache.kafka.connect.json.JsonConverter "
                        + "(with value.converter.schemas.enable=false for JSON without schemas).");
    }

    private static ChangeEvent plain(RecordCoordinates coordinates, SinkRecord record, Schema keySchema, Object key,
                                     Struct value, Field rewrittenDelete) {
        Operation operation = isRewrittenDelete(value, rewrittenDelete) ? Operation.DELETE : Operation.UPSERT;
        return new ChangeEvent(coordinates, operation, keySchema, key, value, null, false, record);
    }

    private Optional<ChangeEvent> fromEnvelope(RecordCoordinates coordinates, SinkRecord record,
                                               Schema keySchema, Object key, String op, Struct before,
                                               Struct after, SourceInfo source) {
        if (source != null) {
            lastSourceByTopic.put(record.topic(), source);
        }
        switch (op == null ? "" : op) {
            case "c", "r", "u" -> {
                if (after == null) {
                    throw new BadRecordException(coordinates, "after", "Debezium event with op '" + op
                            + "' has no 'after' image to write.", null,
                            "This is not an event Debezium produces; check the producer of this topic.");
                }
                return Optional.of(new ChangeEvent(coordinates, Operation.UPSERT, keySchema, key, after, source,
                        false, record));
            }
            case "d" -> {
                return Optional.of(new ChangeEvent(coordinates, Operation.DELETE, keySchema, key, before, source,
                        false, record));
            }
            case "t", "m" -> {
                return Optional.empty();
            }
            default -> throw new BadRecordException(coordinates, "op", "unknown Debezium operation '" + op
                    + "' (expected c, r, u, d, t or m).", null, null);
        }
    }

    /** Whether {@code field}, the value's {@code __deleted} field (or null), says the event is a delete. */
    private static boolean isRewrittenDelete(Struct value, Field field) {
        if (field == null) {
            return false;
        }
        Object flag = value.get(field);
        return Boolean.TRUE.equals(flag) || "true".equals(flag);
    }

    private static Struct toStruct(RecordCoordinates coordinates, Map<?, ?> map, String part) {
        try {
            return SchemalessStructs.toStruct(map);
        } catch (IllegalArgumentException | DataException e) {
            throw new BadRecordException(coordinates, null, "the schemaless " + part + " cannot be read: "
                    + e.getMessage() + ".", null, null, e);
        }
    }
}
