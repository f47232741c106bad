package io.cqrsconnect.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile names through a real Connect cluster into a real node (item 9 of issue 10 and the generated names test):
 * index names rendered from {@code ${source.table}} become valid index names as the JDBC sink's table names do
 * ({@code Order Lines} to {@code order_lines}), two names that would become one index are not merged, and field names
 * Elasticsearch refuses are bad records naming the field. Every refused record goes to the dead-letter queue with
 * its offset and the setting; the task keeps running.
 */
class ElasticsearchSinkNamesIT extends ElasticsearchSinkClusterSupport {

    @RegisterExtension
    static final ElasticsearchNode ES = ElasticsearchNode.shared();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    @Override
    ElasticsearchNode node() {
        return ES;
    }

    @Override
    ConnectCluster cluster() {
        return CLUSTER;
    }

    private Map<String, String> deadLettering(String topic, String dlq) {
        CLUSTER.kafka().createTopic(topic, 1);
        CLUSTER.kafka().createTopic(dlq, 1);
        Map<String, String> config = sinkConfig(topic, false);
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    @Test
    void sourceTablesBecomeValidIndicesAndNamesThatWouldMergeAreDeadLettered() throws Exception {
        String topic = "hostile-source-tables";
        String dlq = topic + "-dlq";
        Map<String, String> config = deadLettering(topic, dlq);
        config.put("index.name.format", "names-${source.table}");
        String longName = "a_source_table_whose_name_is_longer_than_an_index_name_may_be_".repeat(5);
        // the source table, and the index the docs promise for it (null: dead-lettered)
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Order Lines", "names-order_lines");
        expected.put("select", "names-select");
        expected.put("it's \"quoted\"", "names-it's__quoted_");
        expected.put("名前", "names-名前");
        expected.put("😀 emoji", "names-😀_emoji");
        expected.put("a/b*c?d<e>f|g,h#i:j", "names-a_b_c_d_e_f_g_h_i_j");
        expected.put(longName + "one", null);
        expected.put(longName + "two", null);
        expected.put("Cased", "names-cased");
        expected.put("cased", null);
        expected.put("order_lines", null);
        List<String> sources = List.copyOf(expected.keySet());
        for (int id = 0; id < sources.size(); id++) {
            CLUSTER.kafka().produce(topic, Integer.toString(id), "{\"before\":null,\"after\":{\"id\":" + id
                    + ",\"title\":\"t" + id + "\"},\"source\":{\"db\":\"shop\",\"schema\":\"public\",\"table\":"
                    + quote(sources.get(id)) + "},\"op\":\"c\"}");
        }
        CLUSTER.kafka().produce(topic, "99", "{\"before\":null,\"after\":{\"id\":99},\"source\":{\"db\":\"shop\","
                + "\"schema\":\"public\",\"table\":\"last\"},\"op\":\"c\"}");
        String connector = startConnector("hostile-index-names", config);

        IndexContents indices = new IndexContents(ES.client());
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(indices.all("names-last").keySet()).containsExactly("99"));
        for (int id = 0; id < sources.size(); id++) {
            String index = expected.get(sources.get(id));
            if (index != null) {
                assertThat(indices.all(index).keySet()).as("index %s", index).containsExactly(Integer.toString(id));
            }
        }
        List<String> longIndices = indexNames("names-" + longName.substring(0, 20) + "*");
        assertThat(longIndices).hasSize(2).allSatisfy(name -> assertThat(name.getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(255).hasSizeGreaterThan(200));
        assertThat(longIndices).allSatisfy(name -> assertThat(name).matches(".*_[0-9a-f]{8}"));
        List<String> refusals = refusals(dlq, 2);
        assertThat(refusals).anySatisfy(reason -> assertThat(reason).contains("offset 9:").contains("'names-Cased'")
                .contains("index.name.format"));
        assertThat(refusals).anySatisfy(reason -> assertThat(reason).contains("offset 10:")
                .contains("'names-Order Lines'").contains("index.name.format"));
        CLUSTER.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "a hostile index name stopped the task");
    }

    @Test
    void fieldNamesElasticsearchRefusesAreDeadLetteredNamingTheField() throws Exception {
        String topic = "hostile-field-names";
        String dlq = topic + "-dlq";
        Map<String, String> config = deadLettering(topic, dlq);
        List<String> refused = List.of(".", "..", ".leading", "a..b", "   ", "_id", "_source");
        List<String> written = List.of("select", "it's \"quoted\"", "größe", "名前", "price_😀", "with space",
                "Mixed", "trailing.");
        int id = 0;
        for (String name : refused) {
            CLUSTER.kafka().produce(topic, Integer.toString(id++), "{" + quote(name) + ":1}");
        }
        for (String name : written) {
            CLUSTER.kafka().produce(topic, Integer.toString(id++), "{" + quote(name) + ":1}");
        }
        CLUSTER.kafka().produce(topic, Integer.toString(id), "{\"mixed\":2}");
        String connector = startConnector("hostile-field-names", config);

        IndexContents index = new IndexContents(ES.client());
        int last = id;
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(index.all(topic)).containsKey(Integer.toString(last)));
        for (int i = 0; i < written.size(); i++) {
            String documentId = Integer.toString(refused.size() + i);
            assertThat(index.source(topic, documentId).path(written.get(i)).asInt()).as(written.get(i)).isEqualTo(1);
        }
        assertThat(index.source(topic, Integer.toString(last)).path("mixed").asInt()).isEqualTo(2);
        List<String> refusals = refusals(dlq, refused.size());
        for (int i = 0; i < refused.size(); i++) {
            String offset = "offset " + i + ":";
            String field = "field '" + refused.get(i) + "'";
            assertThat(refusals).as("the refusal of '%s'", refused.get(i)).anySatisfy(reason -> assertThat(reason)
                    .contains(offset).contains(field).contains("behavior.on.malformed.documents"));
        }
        assertThat(index.all(topic)).hasSize(written.size() + 1);
        CLUSTER.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "a hostile field name stopped the task");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private List<String> indexNames(String pattern) throws Exception {
        List<String> names = new ArrayList<>();
        rest("GET", "/" + pattern + "?expand_wildcards=open", null).fieldNames().forEachRemaining(names::add);
        return names;
    }

    private List<String> refusals(String dlq, int count) {
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : CLUSTER.kafka().consume(count, WAIT.toMillis(), dlq)) {
            var header = record.headers().lastHeader("__connect.errors.exception.message");
            reasons.add(header == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return reasons;
    }
}
