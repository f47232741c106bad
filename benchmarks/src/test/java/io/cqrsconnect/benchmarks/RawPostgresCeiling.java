package io.cqrsconnect.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cqrsconnect.testing.db.TestDatabase;

/**
 * The raw ceiling: a plain Java client writing the same changes straight into PostgreSQL with the best statement
 * for each workload (COPY for inserts; a multi-row UNNEST upsert and {@code DELETE ... = ANY(?)} in batches of
 * 5,000, last write per key winning inside a batch), on {@code threads} connections that split the keys the way
 * Kafka partitions do. No Kafka, no JSON: what a connector could reach if both cost nothing.
 */
final class RawPostgresCeiling {

    static final int BATCH = 5_000;

    private final TestDatabase database;

    RawPostgresCeiling(TestDatabase database) {
        this.database = database;
    }

    /**
     * Writes the workload on {@code threads} connections opened before the clock starts and closed after the CPU is
     * read, so a database backend's CPU is still counted in its own process (one that exits is counted only once
     * the server has reaped it).
     */
    ConnectorRun.Measurement write(String table, Workload workload, long records, int threads, CpuMeter cpu)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                connections.add(database.connect());
            }
            CpuMeter.Reading before = cpu.read();
            long start = System.nanoTime();
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int part = t;
                parts.add(pool.submit(() -> {
                    writePart(connections.get(part), table, workload, records, part, threads);
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new ConnectorRun.Measurement(elapsed, cpu.read().minus(before));
        } finally {
            pool.shutdownNow();
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private void writePart(Connection connection, String table, Workload workload, long records, int part,
                           int parts) throws Exception {
        if (workload == Workload.INSERT) {
            long slice = records / parts;
            long from = part * slice;
            long to = part == parts - 1 ? records : from + slice;
            PostgresTarget.copy(connection, table, from, to, 1);
            return;
        }
        connection.setAutoCommit(false);
        try (PreparedStatement upsert = connection.prepareStatement(upsertSql(table));
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM " + table + " WHERE id = ANY(?)")) {
            Map<Long, Integer> batch = new LinkedHashMap<>();
            for (long i = 0; i < records; i++) {
                Workload.Change change = workload.change(i, records);
                if (Math.floorMod(change.id(), parts) != part) {
                    continue;
                }
                batch.put(change.id(), change.version());
                if (batch.size() == BATCH) {
                    flush(connection, upsert, delete, batch);
                }
            }
            flush(connection, upsert, delete, batch);
        }
    }

    private static void flush(Connection connection, PreparedStatement upsert, PreparedStatement delete,
                              Map<Long, Integer> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        List<Long> deletes = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<Timestamp> created = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        batch.forEach((id, version) -> {
            if (version < 0) {
                deletes.add(id);
                return;
            }
            ids.add(id);
            customers.add(BenchmarkRecords.customer(id));
            amounts.add(BenchmarkRecords.amount(id, version));
            quantities.add(BenchmarkRecords.quantity(id));
            statuses.add(BenchmarkRecords.status(id, version));
            created.add(new Timestamp(BenchmarkRecords.createdAtMillis(id)));
            notes.add(BenchmarkRecords.note(id));
        });
        if (!ids.isEmpty()) {
            upsert.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            upsert.setArray(2, connection.createArrayOf("text", customers.toArray()));
            upsert.setArray(3, connection.createArrayOf("numeric", amounts.toArray()));
            upsert.setArray(4, connection.createArrayOf("integer", quantities.toArray()));
            upsert.setArray(5, connection.createArrayOf("text", statuses.toArray()));
            upsert.setArray(6, connection.createArrayOf("timestamp", created.toArray()));
            upsert.setArray(7, connection.createArrayOf("text", notes.toArray()));
            upsert.executeUpdate();
        }
        if (!deletes.isEmpty()) {
            delete.setArray(1, connection.createArrayOf("bigint", deletes.toArray()));
            delete.executeUpdate();
        }
        connection.commit();
        batch.clear();
    }

    private static String upsertSql(String table) {
        return "INSERT INTO " + table + " (id, customer, amount, quantity, status, created_at, note) "
                + "SELECT * FROM UNNEST(?::bigint[], ?::text[], ?::numeric[], ?::integer[], ?::text[], "
                + "?::timestamp[], ?::text[]) "
                + "ON CONFLICT (id) DO UPDATE SET customer = EXCLUDED.customer, amount = EXCLUDED.amount, "
                + "quantity = EXCLUDED.quantity, status = EXCLUDED.status, created_at = EXCLUDED.created_at, "
                + "note = EXCLUDED.note";
    }
}
