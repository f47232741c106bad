package io.cqrsconnect.testing.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.testing.connect.ConnectCluster;
import io.cqrsconnect.testing.db.EmbeddedPostgresServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DebeziumPostgresCaptureIT {

    @RegisterExtension
    static final EmbeddedPostgresServer PG = EmbeddedPostgresServer.withLogicalReplication();

    @RegisterExtension
    static final ConnectCluster CLUSTER = new ConnectCluster();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void capturesSnapshotUpdatesDeletesAndTombstonesAsJsonWithSchemas() throws Exception {
        PG.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, price NUMERIC(10,2), "
                        + "updated TIMESTAMPTZ, uid UUID, doc JSONB, tags TEXT[])",
                "ALTER TABLE customers REPLICA IDENTITY FULL",
                "INSERT INTO customers VALUES (1, 'Ada', 12.50, '2026-01-02T03:04:05Z', "
                        + "'6f1c0c3e-3f7a-4c1e-9d2a-0a4b5c6d7e8f', '{\"a\": 1}', ARRAY['x','y'])",
                "INSERT INTO customers VALUES (2, 'Grace', 7.00, NULL, NULL, NULL, NULL)");

        DebeziumPostgresCapture.start(CLUSTER, "capture", PG, "shop", "public.customers");
        PG.execute("UPDATE customers SET name = 'Ada L.' WHERE id = 1", "DELETE FROM customers WHERE id = 2");

        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        CLUSTER.kafka().consume(5, Duration.ofSeconds(60).toMillis(), "shop.public.customers")
                .forEach(records::add);

        List<String> ops = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                ops.add("tombstone");
                continue;
            }
            JsonNode payload = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8)).get("payload");
            ops.add(payload.get("op").asText());
            if ("u".equals(payload.get("op").asText())) {
                assertThat(payload.at("/after/name").asText()).isEqualTo("Ada L.");
                assertThat(payload.at("/before/name").asText()).isEqualTo("Ada");
                assertThat(payload.at("/source/table").asText()).isEqualTo("customers");
            }
            if ("d".equals(payload.get("op").asText())) {
                assertThat(payload.at("/before/id").asInt()).isEqualTo(2);
                assertThat(payload.get("after").isNull()).isTrue();
            }
        }
        assertThat(ops).containsExactly("r", "r", "u", "d", "tombstone");
    }
}
