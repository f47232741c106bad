package io.cqrsconnect.elasticsearch.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

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

/** How DocumentActions names indices from data, refuses names that would merge, and checks field names. */
class DocumentNamesTest {

    private final OffsetTracker.Ticket ticket = new OffsetTracker().track(new TopicPartition("t", 0), 0);
    private final ChangeEventReader reader = new ChangeEventReader();

    private static DocumentActions actions(String template) {
        return new DocumentActions(new ElasticsearchSinkConnectorConfig(Map.of(
                ConnectionSettings.CONNECTION_URL_CONFIG, "http://localhost:9200", "index.name.format", template)));
    }

    private ChangeEvent event(String topic, long offset, String... fields) {
        SchemaBuilder builder = SchemaBuilder.struct();
        for (String field : fields) {
            builder.field(field, Schema.INT32_SCHEMA);
        }
        Schema schema = builder.build();
        Struct value = new Struct(schema);
        for (String field : fields) {
            value.put(field, 1);
        }
        return reader.read(new SinkRecord(topic, 0, Schema.STRING_SCHEMA, "k", schema, value, offset)).orElseThrow();
    }

    private String index(DocumentActions actions, ChangeEvent event) {
        return actions.actionFor(event, ticket).orElseThrow().index();
    }

    @Test
    void topicsThatBecomeOneIndexAreRefusedNotMerged() {
        DocumentActions actions = actions("${topic}");
        assertThat(index(actions, event("Orders", 0, "a"))).isEqualTo("orders");
        assertThat(index(actions, event("Orders", 1, "a"))).isEqualTo("orders");
        assertThatThrownBy(() -> index(actions, event("orders", 5, "a"))).isInstanceOf(BadRecordException.class)
                .hasMessageContaining("offset 5").hasMessageContaining("'Orders' is already written to that index")
                .hasMessageContaining("index.name.format");
        assertThat(index(actions, event("Orders", 2, "a"))).isEqualTo("orders");
    }

    @Test
    void namesFromDataAreSanitizedLikeTableNames() {
        DocumentActions actions = actions("${topic}-archive");
        assertThat(index(actions, event("_internal.Events", 0, "a"))).isEqualTo("internal.events-archive");
    }

    @Test
    void fieldNamesElasticsearchRefusesAreBadRecordsNamingTheField() {
        DocumentActions actions = actions("${topic}");
        assertThatThrownBy(() -> index(actions, event("t", 3, "ok", "a..b"))).isInstanceOf(BadRecordException.class)
                .hasMessageContaining("field 'a..b'").hasMessageContaining("behavior.on.malformed.documents");
        assertThatThrownBy(() -> index(actions, event("t", 4, "_id"))).hasMessageContaining("metadata field");
        assertThatThrownBy(() -> index(actions, event("t", 5, " "))).hasMessageContaining("whitespace");
        assertThat(index(actions, event("t", 6, "select", "größe", "price_😀", "a.b", "trailing.", "_doc_count")))
                .isEqualTo("t");
    }

    @Test
    void nestedFieldNamesAreCheckedWithTheirPath() {
        Schema inner = SchemaBuilder.struct().field(".hidden", Schema.INT32_SCHEMA).build();
        Schema outer = SchemaBuilder.struct().field("address", inner).build();
        Struct value = new Struct(outer).put("address", new Struct(inner).put(".hidden", 1));
        ChangeEvent event = reader.read(new SinkRecord("t", 0, Schema.STRING_SCHEMA, "k", outer, value, 7))
                .orElseThrow();
        assertThatThrownBy(() -> actions("${topic}").actionFor(event, ticket))
                .hasMessageContaining("field 'address..hidden'");
        assertThat(FieldNameRules.problem("_id", false)).isNull();
    }
}
