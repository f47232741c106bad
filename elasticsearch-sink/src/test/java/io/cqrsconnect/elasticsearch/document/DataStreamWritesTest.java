package io.cqrsconnect.elasticsearch.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.ChangeEventReader;
import io.cqrsconnect.common.offsets.OffsetTracker;
import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.elasticsearch.config.ConnectionSettings;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import io.cqrsconnect.elasticsearch.config.WriteSettings;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DataStreamWritesTest {

    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
            .field("at", Timestamp.builder().optional().build()).field("at_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("at_text", Schema.OPTIONAL_STRING_SCHEMA).field("@timestamp", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    /** 2026-01-02T03:04:05.678Z */
    private static final long RECORD_TIME = 1_767_323_045_678L;

    private final OffsetTracker.Ticket ticket = new OffsetTracker().track(new TopicPartition("logs", 0), 7);

    private static ElasticsearchSinkConnectorConfig config(String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put(ConnectionSettings.CONNECTION_URL_CONFIG, "http://localhost:9200");
        props.put(WriteSettings.VERSION_MODE_CONFIG, "none");
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return new ElasticsearchSinkConnectorConfig(props);
    }

    private static ChangeEvent event(Struct value, Long timestamp) {
        return new ChangeEventReader().read(new SinkRecord("logs", 0, Schema.INT64_SCHEMA, 1L,
                value == null ? null : VALUE, value, 7, timestamp, TimestampType.CREATE_TIME)).orElseThrow();
    }

    private DocumentAction adapt(ElasticsearchSinkConnectorConfig config, ChangeEvent event) {
        DocumentAction action = new DocumentActions(config).actionFor(event, ticket).orElseThrow();
        return new DataStreamWrites(config).adapt(event, action);
    }

    private static String json(DocumentAction action) {
        return new String(action.source());
    }

    @Test
    void aDocumentIsCreatedWithTheRecordTimestampAsItsTimestampFirst() {
        DocumentAction create = adapt(config(), event(new Struct(VALUE).put("id", 1L), RECORD_TIME));

        assertThat(create.kind()).isEqualTo(DocumentAction.Kind.CREATE);
        assertThat(create.index()).isEqualTo("logs");
        assertThat(create.id()).isEqualTo("1");
        assertThat(create.version()).isNull();
        assertThat(create.ticket()).isSameAs(ticket);
        // the document's null @timestamp is replaced, not repeated
        assertThat(json(create)).isEqualTo("{\"@timestamp\":\"2026-01-02T03:04:05.678Z\",\"id\":1,\"at\":null,"
                + "\"at_ms\":null,\"at_text\":null}");
    }

    @Test
    void aDocumentThatHasATimestampKeepsIt() {
        Struct value = new Struct(VALUE).put("id", 1L).put("@timestamp", "2020-01-01T00:00:00Z");
        DocumentAction create = adapt(config(), event(value, RECORD_TIME));

        assertThat(json(create)).startsWith("{\"id\":1,").contains("\"@timestamp\":\"2020-01-01T00:00:00Z\"")
                .doesNotContain("2026");
    }

    @Test
    void aConfiguredFieldGivesTheTimestampAsAnInstantEpochMillisOrText() {
        Struct value = new Struct(VALUE).put("id", 1L).put("at", new java.util.Date(0))
                .put("at_ms", 1_000L).put("at_text", "2025-05-05");

        assertThat(json(adapt(config("data.stream.timestamp.field", "at"), event(value, RECORD_TIME))))
                .startsWith("{\"@timestamp\":\"1970-01-01T00:00:00Z\",");
        assertThat(json(adapt(config("data.stream.timestamp.field", "at_ms"), event(value, null))))
                .startsWith("{\"@timestamp\":1000,");
        assertThat(json(adapt(config("data.stream.timestamp.field", "at_text"), event(value, null))))
                .startsWith("{\"@timestamp\":\"2025-05-05\",");
    }

    @Test
    void aMissingTimeIsABadRecordNamingTheFieldAndTheKey() {
        Struct value = new Struct(VALUE).put("id", 1L);

        assertThatThrownBy(() -> adapt(config("data.stream.timestamp.field", "at"), event(value, RECORD_TIME)))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("data.stream.timestamp.field")
                .hasMessageContaining("'at'").hasMessageContaining("topic 'logs' partition 0 offset 7");
        assertThatThrownBy(() -> adapt(config(), event(value, null))).isInstanceOf(BadRecordException.class)
                .hasMessageContaining("no timestamp").hasMessageContaining("data.stream.timestamp.field");
    }

    @Test
    void versionsAndUpsertsFailTheTaskNamingTheSetting() {
        ChangeEvent event = event(new Struct(VALUE).put("id", 1L), RECORD_TIME);

        assertThatThrownBy(() -> adapt(config("version.mode", "kafka_offset"), event))
                .isInstanceOf(ConnectException.class).isNotInstanceOf(BadRecordException.class)
                .hasMessageContaining("'logs' is a data stream").hasMessageContaining("version.mode=kafka_offset")
                .hasMessageContaining("version.mode=none");
        assertThatThrownBy(() -> adapt(config("insert.mode", "upsert"), event))
                .isInstanceOf(ConnectException.class).isNotInstanceOf(BadRecordException.class)
                .hasMessageContaining("insert.mode=upsert").hasMessageContaining("insert.mode=index");
    }

    @Test
    void deletesAreBadRecordsNamingTheSettingThatSkipsThem() {
        // with delete.enabled=false, DocumentActions drops deletes before they get here (DocumentActionsTest)
        assertThatThrownBy(() -> adapt(config(), event(null, RECORD_TIME))).isInstanceOf(BadRecordException.class)
                .hasMessageContaining("cannot delete documents by id").hasMessageContaining("delete.enabled")
                .hasMessageContaining("topic 'logs' partition 0 offset 7");
    }

    @Test
    void aDebeziumTimeFieldGivesTheTimestampByItsUnitAndATimeOfDayIsNoTimestamp() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
                .field("at", SchemaBuilder.int64().name(DebeziumTypes.MICRO_TIMESTAMP).build())
                .field("day", SchemaBuilder.int32().name(DebeziumTypes.DATE).build())
                .field("opens", SchemaBuilder.int64().name(DebeziumTypes.MICRO_TIME).build()).build();
        Struct value = new Struct(schema).put("id", 1L).put("at", 1_709_212_455_123_456L).put("day", 19_782)
                .put("opens", 32_400_000_000L);
        ChangeEvent event = new ChangeEventReader().read(new SinkRecord("logs", 0, Schema.INT64_SCHEMA, 1L,
                schema, value, 12)).orElseThrow();

        assertThat(json(adapt(config("data.stream.timestamp.field", "at"), event)))
                .startsWith("{\"@timestamp\":\"2024-02-29T13:14:15.123456Z\",");
        assertThat(json(adapt(config("data.stream.timestamp.field", "day"), event)))
                .startsWith("{\"@timestamp\":\"2024-02-29T00:00:00Z\",");
        assertThatThrownBy(() -> adapt(config("data.stream.timestamp.field", "opens"), event))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("field 'opens'")
                .hasMessageContaining("MicroTime, not a time");
    }
}
