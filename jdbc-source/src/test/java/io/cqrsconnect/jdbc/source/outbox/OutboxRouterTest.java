package io.cqrsconnect.jdbc.source.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import io.cqrsconnect.jdbc.source.config.OutboxSettings;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** A captured outbox row becomes the event Debezium's outbox event router would make of it, by the same settings. */
class OutboxRouterTest {

    private static final Schema JSON = SchemaBuilder.string().optional().name(DebeziumTypes.JSON).build();
    private static final Schema ROW = SchemaBuilder.struct()
            .field("seq", Schema.INT64_SCHEMA)
            .field("id", SchemaBuilder.string().name(DebeziumTypes.UUID).build())
            .field("aggregatetype", Schema.STRING_SCHEMA)
            .field("aggregateid", Schema.STRING_SCHEMA)
            .field("type", Schema.OPTIONAL_STRING_SCHEMA)
            .field("payload", JSON)
            .field("shard", Schema.OPTIONAL_INT32_SCHEMA)
            .field("created", SchemaBuilder.int64().name(DebeziumTypes.MICRO_TIMESTAMP).build())
            .build();
    private static final Map<String, String> PARTITION = Map.of("table", "outbox");
    private static final Map<String, Object> OFFSET = Map.of("max", 7L);

    @Test
    void theDefaultsRouteByAggregateTypeKeyByAggregateIdAndCarryThePayloadAndTheIdHeader() {
        SourceRecord event = router(Map.of()).route(row("Order", "{\"total\": 3}"));

        assertThat(event.topic()).isEqualTo("outbox.event.Order");
        assertThat(event.key()).isEqualTo("o-1");
        assertThat(event.keySchema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(event.value()).isEqualTo("{\"total\": 3}");
        assertThat(event.valueSchema()).isSameAs(JSON);
        assertThat(headers(event)).containsExactly(Map.entry("id", "4d47e190-0402-4048-bc2c-89dd54343cdc"));
        assertThat(event.headers().lastWithName("id").schema().name()).isEqualTo(DebeziumTypes.UUID);
        assertThat(event.kafkaPartition()).isNull();
        assertThat(event.timestamp()).as("the time of capture, as the producer stamps it").isNull();
        assertThat(event.sourcePartition()).isEqualTo(PARTITION);
        assertThat(event.sourceOffset()).as("the capture resumes after the row").isEqualTo(OFFSET);
    }

    @Test
    void theTopicRegexAndReplacementWorkAsKafkasRegexRouter() {
        OutboxRouter router = router(Map.of("route.topic.regex", "(?<type>[a-z]+)_(?<version>v[0-9]+)",
                "route.topic.replacement", "events.${type}.${version}"));

        assertThat(router.topic("order_v2")).isEqualTo("events.order.v2");
        assertThat(router.topic("Order")).as("no match: the value itself").isEqualTo("Order");
        assertThat(router(Map.of("route.topic.replacement", "shop-$1")).topic("customer")).isEqualTo("shop-customer");
    }

    @Test
    void additionalColumnsGoToHeadersTheEnvelopeAndThePartition() {
        OutboxRouter router = router(Map.of("table.fields.additional.placement",
                "type:header:eventType,aggregatetype:header,type:envelope:kind,shard:partition:ignored"));

        SourceRecord event = router.route(row("Order", "{}"));

        assertThat(headers(event)).containsExactly(Map.entry("id", "4d47e190-0402-4048-bc2c-89dd54343cdc"),
                Map.entry("eventType", "OrderCreated"), Map.entry("aggregatetype", "Order"));
        Struct envelope = (Struct) event.value();
        assertThat(envelope.get("payload")).isEqualTo("{}");
        assertThat(envelope.get("kind")).isEqualTo("OrderCreated");
        assertThat(envelope.schema().fields()).extracting(field -> field.name()).containsExactly("payload", "kind");
        assertThat(envelope.schema().field("payload").schema()).isSameAs(JSON);
        assertThat(event.kafkaPartition()).isEqualTo(2);
        assertThat(router.route(row("Order", "{}")).valueSchema()).as("one schema per row shape")
                .isSameAs(event.valueSchema());
    }

    @Test
    void aJsonPayloadExpandsToAStructWhenAskedAlsoInsideTheEnvelope() {
        SourceRecord plain = router(Map.of("table.expand.json.payload", "true")).route(row("Order", "{\"total\": 3}"));
        assertThat(((Struct) plain.value()).get("total")).isEqualTo(3);
        assertThat(plain.valueSchema().name()).isEqualTo("payload");

        SourceRecord enveloped = router(Map.of("table.expand.json.payload", "true",
                "table.fields.additional.placement", "type:envelope")).route(row("Order", "{\"total\": 3}"));
        Struct envelope = (Struct) enveloped.value();
        assertThat(envelope.getStruct("payload").get("total")).isEqualTo(3);
        assertThat(envelope.get("type")).isEqualTo("OrderCreated");

        assertThat(router(Map.of("table.expand.json.payload", "true")).route(row("Order", "[1]")).value())
                .as("not an object: kept").isEqualTo("[1]");
        assertThat(router(Map.of()).route(row("Order", "{\"total\": 3}")).value()).isEqualTo("{\"total\": 3}");
    }

    @Test
    void anEmptyPayloadIsATombstoneOnlyWhenAskedFor() {
        SourceRecord kept = router(Map.of()).route(row("Order", null));
        assertThat(kept.value()).isNull();
        assertThat(kept.valueSchema()).isSameAs(JSON);

        OutboxRouter tombstones = router(Map.of("route.tombstone.on.empty.payload", "true"));
        for (String empty : new String[] {null, "", "  "}) {
            SourceRecord tombstone = tombstones.route(row("Order", empty));
            assertThat(tombstone.value()).isNull();
            assertThat(tombstone.valueSchema()).isNull();
            assertThat(tombstone.key()).isEqualTo("o-1");
        }
        assertThat(tombstones.route(row("Order", "{}")).value()).isEqualTo("{}");
    }

    @Test
    void theEventTimestampColumnStampsTheRecordInTheDatabaseZone() {
        OutboxRouter router = new OutboxRouter(settings(Map.of("table.field.event.timestamp", "created")),
                ZoneId.of("Europe/Berlin"));

        SourceRecord event = router.route(row("Order", "{}"));

        assertThat(event.timestamp()).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_000_000)
                .atZone(ZoneId.of("Europe/Berlin")).toInstant().toEpochMilli());
    }

    @Test
    void columnsAreFoundIgnoringCaseAndAMissingOneNamesTheSetting() {
        OutboxRouter upper = router(Map.of("table.field.event.key", "AGGREGATEID"));
        assertThat(upper.route(row("Order", "{}")).key()).isEqualTo("o-1");

        assertThatThrownBy(() -> router(Map.of("table.field.event.payload", "body")).route(row("Order", "{}")))
                .isInstanceOf(ConnectException.class).hasMessageContaining("body")
                .hasMessageContaining("table.field.event.payload");
    }

    @Test
    void aRowWithoutARouteByValueFailsRatherThanGoAnywhere() {
        Struct value = new Struct(SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA)
                .field("aggregatetype", Schema.OPTIONAL_STRING_SCHEMA).field("aggregateid", Schema.STRING_SCHEMA)
                .field("payload", JSON).build()).put("id", "e1").put("aggregateid", "o-1");

        assertThatThrownBy(() -> router(Map.of()).route(new SourceRecord(PARTITION, OFFSET, "outbox", null, value)))
                .isInstanceOf(ConnectException.class).hasMessageContaining("route.by.field");
    }

    @Test
    void thePlacementsAreSpelledAsDebeziumSpellsThem() {
        assertThatThrownBy(() -> settings(Map.of("table.fields.additional.placement", "type:body")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("header, envelope, partition");
        assertThatThrownBy(() -> settings(Map.of("table.fields.additional.placement", "type")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("column:placement");
        assertThatThrownBy(() -> settings(Map.of("route.topic.regex", "(")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("route.topic.regex");
        assertThat(settings(Map.of("table.fields.additional.placement", "type:HEADER:t")).additionalFields())
                .singleElement().satisfies(field -> assertThat(field.alias()).isEqualTo("t"));
    }

    @Test
    void theDefaultsAreDebeziums() {
        OutboxSettings defaults = settings(Map.of());
        assertThat(List.of(defaults.eventIdColumn(), defaults.eventKeyColumn(), defaults.payloadColumn(),
                defaults.timestampColumn(), defaults.routeByColumn(), defaults.topicRegex().pattern(),
                defaults.topicReplacement())).containsExactly("id", "aggregateid", "payload", "",
                "aggregatetype", "(?<routedByValue>.*)", "outbox.event.${routedByValue}");
        assertThat(defaults.tombstoneOnEmptyPayload()).isFalse();
        assertThat(defaults.additionalFields()).isEmpty();
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.deleteRelayed()).isFalse();
        assertThat(defaults.expandJsonPayload()).isFalse();
    }

    @Test
    void aRelayReadsEachRowOnceAndDeletesOnlyATablesRelayedRows() {
        assertThat(problems(Map.of("outbox.enabled", "true", "mode", "bulk"))).containsOnlyKeys("mode");
        assertThat(problems(Map.of("outbox.delete.enabled", "true", "mode", "incrementing",
                "incrementing.column.name", "seq"))).containsOnlyKeys("outbox.delete.enabled");
        assertThat(problems(Map.of("outbox.enabled", "true", "outbox.delete.enabled", "true", "mode",
                "incrementing", "incrementing.column.name", "seq", "query", "SELECT * FROM outbox", "pk.fields",
                "seq"))).containsOnlyKeys("outbox.delete.enabled");
        assertThat(problems(Map.of("outbox.enabled", "true", "outbox.delete.enabled", "true", "mode",
                "incrementing", "incrementing.column.name", "seq"))).isEmpty();
    }

    private static Map<String, List<String>> problems(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        config.put("connection.url", "jdbc:h2:mem:outbox");
        return new JdbcSourceConnectorConfig(config).crossFieldProblems().byKey();
    }

    private static SourceRecord row(String type, String payload) {
        long micros = LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_000_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000L
                + 123_000L;
        Struct value = new Struct(ROW).put("seq", 7L).put("id", "4d47e190-0402-4048-bc2c-89dd54343cdc")
                .put("aggregatetype", type).put("aggregateid", "o-1").put("type", "OrderCreated")
                .put("payload", payload).put("shard", 2).put("created", micros);
        return new SourceRecord(PARTITION, OFFSET, "outbox", null, null, null, ROW, value);
    }

    private static Map<String, Object> headers(SourceRecord event) {
        Map<String, Object> headers = new java.util.LinkedHashMap<>();
        for (Header header : event.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }

    private static OutboxRouter router(Map<String, String> settings) {
        return new OutboxRouter(settings(settings), ZoneOffset.UTC);
    }

    private static OutboxSettings settings(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        config.put("connection.url", "jdbc:h2:mem:outbox");
        return new JdbcSourceConnectorConfig(config).outbox();
    }
}
