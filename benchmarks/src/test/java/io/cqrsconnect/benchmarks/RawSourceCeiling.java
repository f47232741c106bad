package io.cqrsconnect.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.cqrsconnect.testing.db.TestDatabase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * The raw ceiling of a snapshot: a plain JDBC read of the whole table (one query, autocommit off so the driver
 * streams {@value #FETCH_SIZE} rows per round trip) and a plain {@link KafkaProducer} writing every row as the
 * connector's worker would: key and value {@link Struct}s with the schemas our source gives this table, serialized by
 * the stock {@link JsonConverter} with schemas, sent with the worker's producer defaults plus the race's
 * {@link SourceContestants#PRODUCER} settings. The clock runs from the query to the last acknowledgement (and to
 * the first, the ceiling's start-up). No
 * Connect runtime, no offsets, no paging: what a connector could reach if those cost nothing.
 */
final class RawSourceCeiling {

    static final int FETCH_SIZE = 10_000;
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private final TestDatabase database;
    private final String bootstrapServers;

    RawSourceCeiling(TestDatabase database, String bootstrapServers) {
        this.database = database;
        this.bootstrapServers = bootstrapServers;
    }

    /** Copies {@code table} into {@code topic} (created beforehand by the caller) and measures it. */
    SourceRun.Snapshot copy(String table, String topic, CpuMeter cpu) throws Exception {
        Map<String, Object> producerConfig = new HashMap<>(SourceContestants.PRODUCER);
        // what Connect's Worker sets for every source task's producer
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        JsonConverter keys = converter(true);
        JsonConverter values = converter(false);
        Schema keySchema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
        Schema valueSchema = valueSchema();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong firstAck = new AtomicLong();
        try (Connection connection = database.connect();
             KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            connection.setAutoCommit(false);
            CpuMeter.Reading before = cpu.read();
            long start = System.nanoTime();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, customer, email, status, amount, "
                    + "paid, attributes, created_at, updated_at, note FROM " + table)) {
                select.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong(1);
                        Struct value = new Struct(valueSchema)
                                .put("id", id)
                                .put("customer", rows.getString(2))
                                .put("email", rows.getString(3))
                                .put("status", rows.getString(4))
                                .put("amount", rows.getBigDecimal(5))
                                .put("paid", rows.getBoolean(6))
                                .put("attributes", rows.getString(7))
                                .put("created_at", rows.getObject(8, OffsetDateTime.class).toString())
                                .put("updated_at", micros(rows.getObject(9, LocalDateTime.class)))
                                .put("note", rows.getString(10));
                        byte[] key = keys.fromConnectData(topic, keySchema, new Struct(keySchema).put("id", id));
                        producer.send(new ProducerRecord<>(topic, key, values.fromConnectData(topic, valueSchema,
                                value)), (metadata, error) -> {
                                    if (error != null) {
                                        failure.compareAndSet(null, error);
                                    } else {
                                        firstAck.compareAndSet(0, System.nanoTime());
                                    }
                                });
                    }
                }
            }
            producer.flush();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            CpuMeter.Reading used = cpu.read().minus(before);
            connection.commit();
            if (failure.get() != null) {
                throw new IllegalStateException("the raw ceiling's producer failed on " + topic, failure.get());
            }
            return new SourceRun.Snapshot(new ConnectorRun.Measurement(elapsed, used),
                    Duration.ofNanos(firstAck.get() - start));
        }
    }

    /**
     * The value schema our source gives {@link SourceTable}: Debezium's logical types where it uses them
     * (MicroTimestamp, ZonedTimestamp, Json), a Connect Decimal for NUMERIC(14,2).
     */
    static Schema valueSchema() {
        return SchemaBuilder.struct()
                .field("id", Schema.INT64_SCHEMA)
                .field("customer", Schema.STRING_SCHEMA)
                .field("email", Schema.STRING_SCHEMA)
                .field("status", Schema.STRING_SCHEMA)
                .field("amount", Decimal.builder(2).parameter("connect.decimal.precision", "14").build())
                .field("paid", Schema.BOOLEAN_SCHEMA)
                .field("attributes", SchemaBuilder.string().name("io.debezium.data.Json").version(1).optional()
                        .build())
                .field("created_at", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1)
                        .build())
                .field("updated_at", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").version(1)
                        .build())
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
    }

    private static long micros(LocalDateTime wallClock) {
        return ChronoUnit.MICROS.between(EPOCH, wallClock);
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), isKey);
        return converter;
    }
}
