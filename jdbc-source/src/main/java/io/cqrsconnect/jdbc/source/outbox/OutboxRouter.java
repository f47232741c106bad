package io.cqrsconnect.jdbc.source.outbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.jdbc.source.config.AdditionalField;
import io.cqrsconnect.jdbc.source.config.OutboxSettings;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a captured outbox row into its event, as Debezium's outbox event router turns an outbox insert: the topic
 * from the route-by column through the topic regex and replacement, the aggregate id as the key, the payload as the
 * value (or an envelope of it and the envelope columns), the event id and the header columns as headers. The row's
 * source partition and offset stay, so a relayed event resumes the capture exactly as the row would have.
 */
public final class OutboxRouter {

    /** The envelope's payload field, as Debezium names it. */
    static final String ENVELOPE_PAYLOAD = "payload";
    static final String ID_HEADER = "id";

    private final OutboxSettings settings;
    private final ZoneId zone;
    /** At most this many envelope schemas are kept (expanded payloads may take many shapes). */
    private static final int MAX_ENVELOPES = 1_000;

    /** Envelope schemas by the row and payload schemas they were made for: one object per shape. */
    private final Map<List<Schema>, Schema> envelopes = new HashMap<>();

    /**
     * @param zone the zone of timestamps without one ({@code db.timezone})
     */
    public OutboxRouter(OutboxSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    /**
     * The event of one captured row.
     *
     * @throws ConnectException naming the setting to change when the row lacks a configured column, or its route-by
     *                          value is NULL
     */
    public SourceRecord route(SourceRecord row) {
        Struct values = (Struct) row.value();
        Field idField = field(values, settings.eventIdColumn(), OutboxSettings.EVENT_ID_CONFIG);
        Field keyField = field(values, settings.eventKeyColumn(), OutboxSettings.EVENT_KEY_CONFIG);
        Field payloadField = field(values, settings.payloadColumn(), OutboxSettings.EVENT_PAYLOAD_CONFIG);
        Object routedBy = values.get(field(values, settings.routeByColumn(), OutboxSettings.ROUTE_BY_FIELD_CONFIG));
        if (routedBy == null) {
            throw new ConnectException("The outbox row " + values.get(idField) + " has no "
                    + settings.routeByColumn() + " to route it by (route.by.field)");
        }
        ConnectHeaders headers = new ConnectHeaders();
        headers.add(ID_HEADER, values.get(idField), idField.schema());
        Object payload = values.get(payloadField);
        boolean emptyPayload = isEmpty(payload);
        Schema payloadSchema = payloadField.schema();
        if (settings.expandJsonPayload() && payload instanceof String json) {
            SchemaAndValue expanded = JsonPayloadExpander.expand(payloadField.name(), json);
            if (expanded != null) {
                payloadSchema = expanded.schema();
                payload = expanded.value();
            }
        }
        Integer partition = null;
        Struct envelope = null;
        for (AdditionalField additional : settings.additionalFields()) {
            Field column = field(values, additional.column(), OutboxSettings.ADDITIONAL_PLACEMENT_CONFIG);
            switch (additional.placement()) {
                case HEADER -> headers.add(additional.alias(), values.get(column), column.schema());
                case PARTITION -> partition = partitionOf(values.get(column), additional.column());
                case ENVELOPE -> {
                    if (envelope == null) {
                        envelope = new Struct(envelopeSchema(values.schema(), payloadSchema))
                                .put(ENVELOPE_PAYLOAD, payload);
                    }
                    envelope.put(additional.alias(), values.get(column));
                }
            }
        }
        Schema valueSchema = envelope == null ? payloadSchema : envelope.schema();
        Object value = envelope == null ? payload : envelope;
        if (settings.tombstoneOnEmptyPayload() && emptyPayload) {
            valueSchema = null;
            value = null;
        }
        return new SourceRecord(row.sourcePartition(), row.sourceOffset(), topic(routedBy.toString()), partition,
                keyField.schema(), values.get(keyField), valueSchema, value, timestamp(values), headers);
    }

    /** The topic of an event with this route-by value: Kafka's RegexRouter over Debezium's defaults. */
    String topic(String routedBy) {
        Matcher matcher = settings.topicRegex().matcher(routedBy);
        return matcher.matches() ? matcher.replaceFirst(settings.topicReplacement()) : routedBy;
    }

    private Schema envelopeSchema(Schema rowSchema, Schema payloadSchema) {
        if (envelopes.size() >= MAX_ENVELOPES) {
            envelopes.clear();
        }
        return envelopes.computeIfAbsent(List.of(rowSchema, payloadSchema), shape -> {
            SchemaBuilder builder = SchemaBuilder.struct().field(ENVELOPE_PAYLOAD, payloadSchema);
            for (AdditionalField additional : settings.additionalFields()) {
                if (additional.placement() == AdditionalField.Placement.ENVELOPE) {
                    builder.field(additional.alias(), field(rowSchema, additional.column(),
                            OutboxSettings.ADDITIONAL_PLACEMENT_CONFIG).schema());
                }
            }
            return builder.build();
        });
    }

    private Long timestamp(Struct values) {
        if (settings.timestampColumn().isEmpty()) {
            return null;
        }
        Field field = field(values, settings.timestampColumn(), OutboxSettings.EVENT_TIMESTAMP_CONFIG);
        Object value = values.get(field);
        if (value == null) {
            return null;
        }
        String name = field.schema().name();
        if (value instanceof Date date) {
            return date.getTime();
        }
        if (value instanceof String text && DebeziumTypes.ZONED_TIMESTAMP.equals(name)) {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
        if (value instanceof Long number) {
            // Debezium's wall-clock types count from the epoch as if the wall clock were UTC: read them in db.timezone.
            if (DebeziumTypes.TIMESTAMP.equals(name)) {
                return wallClock(Instant.ofEpochMilli(number));
            }
            if (DebeziumTypes.MICRO_TIMESTAMP.equals(name)) {
                return wallClock(Instant.EPOCH.plusNanos(Math.multiplyExact(number, 1_000L)));
            }
            if (DebeziumTypes.NANO_TIMESTAMP.equals(name)) {
                return wallClock(Instant.EPOCH.plusNanos(number));
            }
            return number;
        }
        throw new ConnectException("The outbox column " + field.name() + " holds no timestamp (type "
                + field.schema().type() + "): name another in " + OutboxSettings.EVENT_TIMESTAMP_CONFIG);
    }

    private long wallClock(Instant asIfUtc) {
        return LocalDateTime.ofInstant(asIfUtc, ZoneOffset.UTC).atZone(zone).toInstant().toEpochMilli();
    }

    private static Integer partitionOf(Object value, String column) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value == null) {
            return null;
        }
        throw new ConnectException("The outbox column " + column + " holds no partition number "
                + "(table.fields.additional.placement)");
    }

    private static boolean isEmpty(Object payload) {
        return payload == null || (payload instanceof byte[] bytes ? bytes.length == 0 : payload.toString().isBlank());
    }

    /** The row's column by name, exactly or else ignoring case (H2 folds unquoted names up, PostgreSQL down). */
    private static Field field(Struct values, String column, String configKey) {
        return field(values.schema(), column, configKey);
    }

    private static Field field(Schema row, String column, String configKey) {
        Field exact = row.field(column);
        if (exact != null) {
            return exact;
        }
        return row.fields().stream().filter(field -> field.name().equalsIgnoreCase(column)).findFirst()
                .orElseThrow(() -> new ConnectException("The outbox has no column " + column + " (" + configKey
                        + "); its columns are " + row.fields().stream().map(Field::name).toList()));
    }
}
