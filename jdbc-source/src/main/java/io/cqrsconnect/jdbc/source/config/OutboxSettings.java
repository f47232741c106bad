package io.cqrsconnect.jdbc.source.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The outbox relay's settings. The row-to-event keys are Debezium's outbox event router's, with its defaults, so a
 * configuration moves over unchanged; {@code outbox.enabled} and {@code outbox.delete.enabled} are ours.
 *
 * @param enabled whether the capture relays outbox events instead of emitting rows
 * @param eventIdColumn the column whose value goes in the {@code id} header
 * @param eventKeyColumn the column whose value keys the record
 * @param payloadColumn the column whose value is the record's value
 * @param timestampColumn the column that stamps the record, empty for the time of capture
 * @param additionalFields further columns as headers, envelope fields or the partition
 * @param routeByColumn the column whose value names the topic
 * @param topicRegex matched against the route-by value
 * @param topicReplacement the topic, where the regex matches
 * @param tombstoneOnEmptyPayload whether a NULL or blank payload becomes a tombstone
 * @param deleteRelayed whether relayed rows are deleted once Kafka has them
 * @param expandJsonPayload whether a JSON object payload becomes a struct
 */
public record OutboxSettings(boolean enabled, String eventIdColumn, String eventKeyColumn, String payloadColumn,
                             String timestampColumn, List<AdditionalField> additionalFields, String routeByColumn,
                             Pattern topicRegex, String topicReplacement, boolean tombstoneOnEmptyPayload,
                             boolean deleteRelayed, boolean expandJsonPayload) {

    public static final String GROUP = "Outbox relay";

    public static final String OUTBOX_ENABLED_CONFIG = "outbox.enabled";
    public static final String OUTBOX_ENABLED_DOC = "Relay an outbox table: each captured row becomes one event, "
            + "routed to a topic by route.by.field, keyed by table.field.event.key, its value the "
            + "table.field.event.payload column, its id in the header 'id'. Rows are found by the capture mode "
            + "(incrementing over the outbox's id or sequence column, or a timestamp mode where the outbox has no "
            + "increasing id; not bulk), so a row committed late with a smaller id is still relayed, in order. "
            + "The other keys of this group are Debezium's outbox event router's, with its defaults; unlike its "
            + "SMT they need no transforms.* prefix, and topic.prefix does not apply.";
    public static final boolean OUTBOX_ENABLED_DEFAULT = false;
    public static final String EVENT_ID_CONFIG = "table.field.event.id";
    public static final String EVENT_ID_DOC = "The outbox column holding the unique event id; its value goes in "
            + "the record header 'id' (as Debezium does).";
    public static final String EVENT_ID_DEFAULT = "id";
    public static final String EVENT_KEY_CONFIG = "table.field.event.key";
    public static final String EVENT_KEY_DOC = "The outbox column holding the aggregate id: the record key, so "
            + "the events of one aggregate share a partition and keep their order.";
    public static final String EVENT_KEY_DEFAULT = "aggregateid";
    public static final String EVENT_PAYLOAD_CONFIG = "table.field.event.payload";
    public static final String EVENT_PAYLOAD_DOC = "The outbox column holding the payload, the record value: a "
            + "text or JSON column as a string (a JSON column keeps Debezium's io.debezium.data.Json schema name), "
            + "a bytea/BLOB/VARBINARY column as bytes. With table.expand.json.payload, a JSON object becomes a struct.";
    public static final String EVENT_PAYLOAD_DEFAULT = "payload";
    public static final String EXPAND_JSON_PAYLOAD_CONFIG = "table.expand.json.payload";
    public static final String EXPAND_JSON_PAYLOAD_DOC = "Whether a payload that is a JSON object (in a text or "
            + "JSON column) becomes a struct, its schema inferred from it as Debezium infers it: strings, booleans, "
            + "int32/int64 for integers, float64 for other numbers, arrays typed by their first element, null members "
            + "and empty arrays left out. A payload that is not a JSON object, or whose arrays mix types, stays a "
            + "string. Debezium's table.json.payload.null.behavior and table.json.payload.empty.array.behavior are "
            + "not offered: their defaults (ignore) apply.";
    public static final boolean EXPAND_JSON_PAYLOAD_DEFAULT = false;
    public static final String EVENT_TIMESTAMP_CONFIG = "table.field.event.timestamp";
    public static final String EVENT_TIMESTAMP_DOC = "The outbox column whose value is the record's timestamp. "
            + "Empty: the time the row was captured (Debezium: its change event's time). A timestamp without a zone "
            + "is read in db.timezone.";
    public static final String EVENT_TIMESTAMP_DEFAULT = "";
    public static final String ADDITIONAL_PLACEMENT_CONFIG = "table.fields.additional.placement";
    public static final String ADDITIONAL_PLACEMENT_DOC = "Further outbox columns to carry, comma-separated, each "
            + "column:placement or column:placement:alias. header: a record header named by the alias (else the "
            + "column). envelope: a field of the value, which then becomes a struct of 'payload' and these fields. "
            + "partition: the column holds the Kafka partition number (the alias is ignored). As in Debezium; a "
            + "column missing from the outbox fails the task (Debezium's table.field.additional.missing=error, its "
            + "default).";
    public static final String ROUTE_BY_FIELD_CONFIG = "route.by.field";
    public static final String ROUTE_BY_FIELD_DOC = "The outbox column whose value (the aggregate type) names the "
            + "topic, through route.topic.regex and route.topic.replacement. A row where it is NULL fails the task.";
    public static final String ROUTE_BY_FIELD_DEFAULT = "aggregatetype";
    public static final String ROUTE_TOPIC_REGEX_CONFIG = "route.topic.regex";
    public static final String ROUTE_TOPIC_REGEX_DOC = "A regular expression matched against the whole route.by.field "
            + "value. Where it matches, the topic is route.topic.replacement with its groups substituted; where it "
            + "does not, the topic is the value itself (as Kafka's RegexRouter does).";
    public static final String ROUTE_TOPIC_REGEX_DEFAULT = "(?<routedByValue>.*)";
    public static final String ROUTE_TOPIC_REPLACEMENT_CONFIG = "route.topic.replacement";
    public static final String ROUTE_TOPIC_REPLACEMENT_DOC = "The topic of an event whose route.by.field value "
            + "matches route.topic.regex; ${routedByValue} (or any named group, or $1) is replaced by what the group "
            + "matched. Default: outbox.event.<aggregate type>.";
    public static final String ROUTE_TOPIC_REPLACEMENT_DEFAULT = "outbox.event.${routedByValue}";
    public static final String ROUTE_TOMBSTONE_CONFIG = "route.tombstone.on.empty.payload";
    public static final String ROUTE_TOMBSTONE_DOC = "Whether a row whose payload is NULL or blank is relayed as a "
            + "tombstone (null value, no schema), so a compacted topic forgets the aggregate.";
    public static final boolean ROUTE_TOMBSTONE_DEFAULT = false;
    public static final String OUTBOX_DELETE_ENABLED_CONFIG = "outbox.delete.enabled";
    public static final String OUTBOX_DELETE_ENABLED_DOC = "Delete each relayed row once Kafka has acknowledged its "
            + "event (not waiting for the offset commit), batch.max.rows rows per statement batch, by the columns "
            + "the mode orders by (the incrementing column, else the key columns). Needs the DELETE privilege. "
            + "A row whose event a transform dropped or the error tolerance skipped is not deleted then. In "
            + "incrementing mode a starting task first deletes the rows left at or below its committed offset "
            + "(outside its gaps), batch.max.rows at a time. Debezium has no such "
            + "setting (it reads the log, so an application deletes its outbox rows itself, often in the inserting "
            + "transaction; a query cannot see rows deleted that way).";
    public static final boolean OUTBOX_DELETE_ENABLED_DEFAULT = false;

    /** Adds the outbox keys to the source's definition, in their own group. */
    static void define(ConfigDef def) {
        int order = 0;
        def.define(OUTBOX_ENABLED_CONFIG, Type.BOOLEAN, OUTBOX_ENABLED_DEFAULT, Importance.HIGH, OUTBOX_ENABLED_DOC,
                GROUP, ++order, Width.SHORT, "Relay an outbox");
        def.define(EVENT_ID_CONFIG, Type.STRING, EVENT_ID_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                EVENT_ID_DOC, GROUP, ++order, Width.MEDIUM, "Event id column");
        def.define(EVENT_KEY_CONFIG, Type.STRING, EVENT_KEY_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.MEDIUM, EVENT_KEY_DOC, GROUP, ++order, Width.MEDIUM, "Event key column");
        def.define(EVENT_PAYLOAD_CONFIG, Type.STRING, EVENT_PAYLOAD_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.MEDIUM, EVENT_PAYLOAD_DOC, GROUP, ++order, Width.MEDIUM, "Payload column");
        def.define(EXPAND_JSON_PAYLOAD_CONFIG, Type.BOOLEAN, EXPAND_JSON_PAYLOAD_DEFAULT, Importance.LOW,
                EXPAND_JSON_PAYLOAD_DOC, GROUP, ++order, Width.SHORT, "Expand a JSON payload");
        def.define(EVENT_TIMESTAMP_CONFIG, Type.STRING, EVENT_TIMESTAMP_DEFAULT, Importance.LOW, EVENT_TIMESTAMP_DOC,
                GROUP, ++order, Width.MEDIUM, "Event timestamp column");
        def.define(ADDITIONAL_PLACEMENT_CONFIG, Type.LIST, "", new PlacementValidator(), Importance.LOW,
                ADDITIONAL_PLACEMENT_DOC, GROUP, ++order, Width.LONG, "Additional columns");
        def.define(ROUTE_BY_FIELD_CONFIG, Type.STRING, ROUTE_BY_FIELD_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.MEDIUM, ROUTE_BY_FIELD_DOC, GROUP, ++order, Width.MEDIUM, "Route-by column");
        def.define(ROUTE_TOPIC_REGEX_CONFIG, Type.STRING, ROUTE_TOPIC_REGEX_DEFAULT, new RegexValidator(),
                Importance.LOW, ROUTE_TOPIC_REGEX_DOC, GROUP, ++order, Width.MEDIUM, "Topic regex");
        def.define(ROUTE_TOPIC_REPLACEMENT_CONFIG, Type.STRING, ROUTE_TOPIC_REPLACEMENT_DEFAULT,
                new ConfigDef.NonEmptyString(), Importance.MEDIUM, ROUTE_TOPIC_REPLACEMENT_DOC, GROUP, ++order,
                Width.LONG, "Topic replacement");
        def.define(ROUTE_TOMBSTONE_CONFIG, Type.BOOLEAN, ROUTE_TOMBSTONE_DEFAULT, Importance.LOW, ROUTE_TOMBSTONE_DOC,
                GROUP, ++order, Width.SHORT, "Tombstone on empty payload");
        def.define(OUTBOX_DELETE_ENABLED_CONFIG, Type.BOOLEAN, OUTBOX_DELETE_ENABLED_DEFAULT, Importance.MEDIUM,
                OUTBOX_DELETE_ENABLED_DOC, GROUP, ++order, Width.SHORT, "Delete relayed rows");
    }

    /** Reads the settings of a configuration built from a definition {@link #define} added to. */
    public static OutboxSettings of(AbstractConfig config) {
        return new OutboxSettings(config.getBoolean(OUTBOX_ENABLED_CONFIG), config.getString(EVENT_ID_CONFIG).trim(),
                config.getString(EVENT_KEY_CONFIG).trim(), config.getString(EVENT_PAYLOAD_CONFIG).trim(),
                config.getString(EVENT_TIMESTAMP_CONFIG).trim(),
                AdditionalField.parseAll(ADDITIONAL_PLACEMENT_CONFIG, config.getList(ADDITIONAL_PLACEMENT_CONFIG)),
                config.getString(ROUTE_BY_FIELD_CONFIG).trim(),
                pattern(ROUTE_TOPIC_REGEX_CONFIG, config.getString(ROUTE_TOPIC_REGEX_CONFIG)),
                config.getString(ROUTE_TOPIC_REPLACEMENT_CONFIG), config.getBoolean(ROUTE_TOMBSTONE_CONFIG),
                config.getBoolean(OUTBOX_DELETE_ENABLED_CONFIG), config.getBoolean(EXPAND_JSON_PAYLOAD_CONFIG));
    }

    /** Checks {@code table.fields.additional.placement}, and says what it takes in the reference docs. */
    private static final class PlacementValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> entries = (List<String>) value;
            AdditionalField.parseAll(name, entries);
        }

        @Override
        public String toString() {
            return "column:placement[:alias], ..., placement one of header, envelope, partition";
        }
    }

    /** Checks {@code route.topic.regex}. */
    private static final class RegexValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            pattern(name, (String) value);
        }

        @Override
        public String toString() {
            return "a Java regular expression";
        }
    }

    private static Pattern pattern(String key, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(key, regex, "not a regular expression: " + e.getDescription());
        }
    }
}
