package io.cqrsconnect.testing.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectClusterIT {

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster(2);

    @Test
    void producesAndConsumesThroughTheBroker() {
        CLUSTER.kafka().createTopic("fixture-check", 2);
        for (int i = 0; i < 4; i++) {
            CLUSTER.kafka().produce("fixture-check", "key-" + i, "value-" + i);
        }

        ConsumerRecords<byte[], byte[]> records =
                CLUSTER.kafka().consume(4, Duration.ofSeconds(30).toMillis(), "fixture-check");

        List<String> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            values.add(new String(record.value(), StandardCharsets.UTF_8));
        }
        assertThat(values).containsExactlyInAnyOrder("value-0", "value-1", "value-2", "value-3");
    }

    @Test
    void everyWorkerAnswersConnectorPlugins() {
        assertThat(CLUSTER.connect().workers()).hasSize(2);
        for (WorkerHandle worker : CLUSTER.connect().workers()) {
            String url = worker.url().toString() + "connector-plugins?connectorsOnly=false";
            Response response = CLUSTER.connect().requestGet(url);
            assertThat(response.getStatus()).as("GET %s", url).isEqualTo(200);
            assertThat(String.valueOf(response.getEntity()))
                    .as("built-in transformations are listed")
                    .contains("org.apache.kafka.connect.transforms.InsertField$Value");
        }
    }
}
