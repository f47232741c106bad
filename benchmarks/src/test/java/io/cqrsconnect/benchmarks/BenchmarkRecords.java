package io.cqrsconnect.benchmarks;

import java.math.BigDecimal;
import java.util.Date;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * The rows every contestant writes: an order with a 64-bit key, text, a decimal, an integer, a timestamp and an
 * optional note, serialized as Kafka Connect JSON with schemas (what a JDBC or Debezium source produces with the
 * stock JsonConverter). Row {@code id} is a pure function of {@code id}, so every contestant and the raw ceiling see
 * the same data.
 */
final class BenchmarkRecords {

    static final Schema KEY = SchemaBuilder.struct().name("bench.orders.Key")
            .field("id", Schema.INT64_SCHEMA)
            .build();
    static final Schema VALUE = SchemaBuilder.struct().name("bench.orders.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("customer", Schema.STRING_SCHEMA)
            .field("amount", Decimal.schema(2))
            .field("quantity", Schema.INT32_SCHEMA)
            .field("status", Schema.STRING_SCHEMA)
            .field("created_at", Timestamp.SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    /** The table every contestant writes into, created by the benchmark so that all get the same one. */
    static final String TABLE_DDL = "CREATE TABLE %s (id BIGINT PRIMARY KEY, customer TEXT NOT NULL, "
            + "amount NUMERIC(14,2) NOT NULL, quantity INTEGER NOT NULL, status TEXT NOT NULL, "
            + "created_at TIMESTAMP NOT NULL, note TEXT)";

    private static final long EPOCH_2026 = 1_767_225_600_000L;
    private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DELIVERED", "RETURNED"};

    private final JsonConverter keys = converter(true);
    private final JsonConverter values = converter(false);

    static String customer(long id) {
        return "customer-" + (id % 50_000);
    }

    static BigDecimal amount(long id, int version) {
        return BigDecimal.valueOf((id * 37 + version * 11) % 1_000_000, 2);
    }

    static int quantity(long id) {
        return (int) (id % 100) + 1;
    }

    static String status(long id, int version) {
        return STATUSES[(int) ((id + version) % STATUSES.length)];
    }

    static long createdAtMillis(long id) {
        return EPOCH_2026 + id * 1000;
    }

    static String note(long id) {
        return id % 3 == 0 ? null : "note for order " + id;
    }

    /** The row of {@code id} in its {@code version}-th form (versions differ in amount and status). */
    static Struct row(long id, int version) {
        return new Struct(VALUE)
                .put("id", id)
                .put("customer", customer(id))
                .put("amount", amount(id, version))
                .put("quantity", quantity(id))
                .put("status", status(id, version))
                .put("created_at", new Date(createdAtMillis(id)))
                .put("note", note(id));
    }

    byte[] key(String topic, long id) {
        return keys.fromConnectData(topic, KEY, new Struct(KEY).put("id", id));
    }

    byte[] value(String topic, long id, int version) {
        return values.fromConnectData(topic, VALUE, row(id, version));
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), isKey);
        return converter;
    }
}
