package io.cqrsconnect.elasticsearch.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.ChangeEventReader;
import io.cqrsconnect.common.offsets.OffsetTracker;
import io.cqrsconnect.elasticsearch.config.ConnectionSettings;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DocumentActionsTest {

    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
            .field("rev", Schema.INT64_SCHEMA).build();

    private final OffsetTracker.Ticket ticket = new OffsetTracker().track(new TopicPartition("Orders", 0), 12);

    private static DocumentActions actions(String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put(ConnectionSettings.CONNECTION_URL_CONFIG, "http://localhost:9200");
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return new DocumentActions(new ElasticsearchSinkConnectorConfig(props));
    }

    private static ChangeEvent event(Object key, Struct value) {
        return new ChangeEventReader().read(new SinkRecord("Orders", 0, Schema.INT64_SCHEMA, key,
                value == null ? null : VALUE, value, 12)).orElseThrow();
    }

    private static Struct value(long id, long rev) {
        return new Struct(VALUE).put("id", id).put("rev", rev);
    }

    @Test
    void anUpsertEventIndexesItsImageIntoTheLowerCasedTopicIndexAtTheOffsetVersion() {
        DocumentAction action = actions().actionFor(event(5L, value(5, 3)), ticket).orElseThrow();

        assertThat(action.kind()).isEqualTo(DocumentAction.Kind.INDEX);
        assertThat(action.index()).isEqualTo("orders");
        assertThat(action.id()).isEqualTo("5");
        assertThat(action.version()).isEqualTo(12L);
        assertThat(new String(action.source())).isEqualTo("{\"id\":5,\"rev\":3}");
        assertThat(action.ticket()).isSameAs(ticket);
    }

    @Test
    void upsertModeAndFieldVersions() {
        DocumentAction action = actions("insert.mode", "upsert", "version.mode", "field", "version.field", "rev")
                .actionFor(event(5L, value(5, 3)), ticket).orElseThrow();

        assertThat(action.kind()).isEqualTo(DocumentAction.Kind.UPSERT);
        assertThat(action.version()).isEqualTo(3L);
    }

    @Test
    void tombstonesAndDeleteEventsDeleteUnlessDeletesAreDisabled() {
        DocumentAction delete = actions().actionFor(event(5L, null), ticket).orElseThrow();
        assertThat(delete.kind()).isEqualTo(DocumentAction.Kind.DELETE);
        assertThat(delete.source()).isNull();
        assertThat(delete.version()).isEqualTo(12L);
        DocumentAction debeziumDelete = actions().actionFor(debeziumDelete(5L), ticket).orElseThrow();
        assertThat(debeziumDelete.kind()).isEqualTo(DocumentAction.Kind.DELETE);
        assertThat(debeziumDelete.id()).isEqualTo("5");

        DocumentActions disabled = actions("delete.enabled", "false");
        assertThat(disabled.actionFor(event(5L, null), ticket)).isEmpty();
        assertThat(disabled.actionFor(debeziumDelete(5L), ticket)).isEmpty();
        // upserts are untouched
        assertThat(disabled.actionFor(event(5L, value(5, 3)), ticket).orElseThrow().kind())
                .isEqualTo(DocumentAction.Kind.INDEX);
    }

    /** A schemaless Debezium delete event (op=d) with its before image. */
    private static ChangeEvent debeziumDelete(long id) {
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("op", "d");
        envelope.put("before", Map.of("id", id, "rev", 1L));
        envelope.put("after", null);
        envelope.put("source", Map.of("db", "shop", "schema", "public", "table", "orders"));
        return new ChangeEventReader().read(new SinkRecord("Orders", 0, Schema.INT64_SCHEMA, id, null, envelope,
                12)).orElseThrow();
    }

    @Test
    void documentsHoldTheSelectedFieldsUnderTheirNewNamesWhileIdsAndVersionsReadTheRecord() {
        DocumentAction action = actions("field.exclude.list", "rev", "field.renames", "id:order_id", "pk.mode",
                "record_value", "pk.fields", "id").actionFor(event(5L, value(5, 3)), ticket).orElseThrow();

        assertThat(new String(action.source())).isEqualTo("{\"order_id\":5}");
        assertThat(action.id()).isEqualTo("5");
    }

    @Test
    void aRenameOntoAnotherFieldOfTheRecordIsABadRecordNamingTheSetting() {
        assertThatThrownBy(() -> actions("field.renames", "rev:id").actionFor(event(5L, value(5, 3)), ticket))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("field.renames")
                .hasMessageContaining("'id' and 'rev'");
    }

    @Test
    void aTombstoneWithNoKnownSourceIsSkippedWhenTheIndexNeedsTheSourceTable() {
        // the first record after a restart: its Debezium delete event was already written and committed
        assertThat(actions("index.name.format", "rm-${source.table}").actionFor(event(5L, null), ticket))
                .isEmpty();
        // an upsert with no source still fails, naming the template setting
        assertThatThrownBy(() -> actions("index.name.format", "rm-${source.table}")
                .actionFor(event(5L, value(5, 1)), ticket))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("index.name.format");
    }

    @Test
    void deletesMeanNothingWhenEveryRecordIsItsOwnDocument() {
        Optional<DocumentAction> action = actions("pk.mode", "kafka")
                .actionFor(event(5L, null), ticket);

        assertThat(action).isEmpty();
    }

    @Test
    void aRenderedNameIsSanitizedAndOneThatLeavesNothingIsABadRecordNamingTheTemplateSetting() {
        assertThatThrownBy(() -> actions("index.name.format", "_${topic}").actionFor(event(5L, value(5, 1)), ticket))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class);

        DocumentActions template = actions("index.name.format", "${topic}");
        ChangeEvent leadingUnderscore = new ChangeEventReader().read(new SinkRecord("_private", 0,
                Schema.INT64_SCHEMA, 5L, VALUE, value(5, 1), 3)).orElseThrow();
        assertThat(template.actionFor(leadingUnderscore, ticket).orElseThrow().index()).isEqualTo("private");
        ChangeEvent nothingLeft = new ChangeEventReader().read(new SinkRecord("__", 0, Schema.INT64_SCHEMA, 5L,
                VALUE, value(5, 1), 4)).orElseThrow();
        assertThatThrownBy(() -> template.actionFor(nothingLeft, ticket))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("index.name.format").hasMessageContaining("'__'");
    }

    @Test
    void versionsFromAHeaderAndRoutingFromAField() {
        SinkRecord record = new SinkRecord("Orders", 0, Schema.INT64_SCHEMA, 5L, VALUE, value(5, 2), 12);
        record.headers().addString("row-version", "77");
        ChangeEvent event = new ChangeEventReader().read(record).orElseThrow();

        DocumentAction action = actions("version.mode", "header", "version.header", "row-version",
                "document.routing.field", "rev").actionFor(event, ticket).orElseThrow();

        assertThat(action.version()).isEqualTo(77L);
        assertThat(action.routing()).isEqualTo("2");
    }

    @Test
    void aMissingVersionHeaderOrRoutingFieldNamesTheSetting() {
        assertThatThrownBy(() -> actions("version.mode", "header", "version.header", "row-version")
                .actionFor(event(5L, value(5, 1)), ticket))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("version.header")
                .hasMessageContaining("'row-version' is missing");
        assertThatThrownBy(() -> actions("document.routing.field", "tenant").actionFor(event(5L, null), ticket))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("document.routing.field")
                .hasMessageContaining("field 'tenant'");
    }

    @Test
    void aMissingVersionFieldNamesTheFieldAndSetting() {
        DocumentActions byField = actions("version.mode", "field", "version.field", "updated_at");

        assertThatThrownBy(() -> byField.actionFor(event(5L, value(5, 1)), ticket))
                .isInstanceOf(BadRecordException.class)
                .hasMessageContaining("field 'updated_at'").hasMessageContaining("version.field");
    }

    @Test
    void aValueWithNoJsonFormIsABadRecordNamingTheRecordAndTheField() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA)
                .field("score", Schema.FLOAT64_SCHEMA).build();
        ChangeEvent event = new ChangeEventReader().read(new SinkRecord("Orders", 0, Schema.INT64_SCHEMA, 5L,
                schema, new Struct(schema).put("id", 5L).put("score", Double.POSITIVE_INFINITY), 12)).orElseThrow();

        assertThatThrownBy(() -> actions().actionFor(event, ticket))
                .isInstanceOfSatisfying(BadRecordException.class, e -> {
                    assertThat(e.field()).isEqualTo("score");
                    assertThat(e.configKey()).isEqualTo("errors.tolerance");
                })
                .hasMessageContaining("topic 'Orders' partition 0 offset 12")
                .hasMessageContaining("Infinity");
    }
}
