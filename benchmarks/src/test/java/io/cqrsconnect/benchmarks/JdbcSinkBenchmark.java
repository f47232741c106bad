package io.cqrsconnect.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDBC sink race (issue 3): our sink, Debezium's JDBC sink with its defaults and with its UNNEST option, and the
 * raw ceiling, writing the same records into the same PostgreSQL tables, in a real worker process, in one run.
 * Insert, upsert of new keys, upsert of existing keys, and a mix with deletes; tasks.max 1 and 4; 4 partitions.
 *
 * <p>Asserts only correctness (every contestant ends with the expected number of rows); the speeds go into the
 * report. Run: {@code ./mvnw verify -Pbenchmark -pl benchmarks -am -Dbenchmark=JdbcSinkBenchmark}
 * (add {@code -Dbenchmark.records=100000} for a quick look; {@link RaceSelection} narrows a run for profiling).
 */
class JdbcSinkBenchmark {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    private static final String RAW = "raw ceiling (COPY / UNNEST)";

    @Test
    void race() throws Exception {
        long records = Long.getLong("cqrs.benchmark.records", 1_000_000L);
        List<Contestant> entrants = List.of(Contestant.debeziumJdbcSink(DB, false),
                Contestant.debeziumJdbcSink(DB, true), Contestant.cqrsJdbcSink(DB));
        List<String> columns = new ArrayList<>(List.of(RAW));
        entrants.forEach(contestant -> columns.add(contestant.label()));
        BenchmarkReport report = new BenchmarkReport("JDBC sink throughput into PostgreSQL", columns,
                "Debezium JDBC sink with its defaults and with dialect.postgres.unnest.insert.enabled");
        PostgresTarget target = new PostgresTarget(DB);
        RawPostgresCeiling ceiling = new RawPostgresCeiling(DB);

        try (LocalStack stack = LocalStack.builder().workerHeap("-Xmx2g")
                     // the production default: a group's tasks join before the first assignment, so a run with
                     // several tasks starts without rebalancing (the test stacks use 0 for speed)
                     .brokerProperty("group.initial.rebalance.delay.ms", "3000").build().start();
             ConsumerGroupProgress progress = new ConsumerGroupProgress(stack.bootstrapServers())) {
            TopicLoader loader = new TopicLoader(stack.bootstrapServers());
            // PostgreSQL is the machine's server: its processes, by name (a JVM's class path may name the driver).
            CpuMeter cpu = CpuMeter.forRace(CpuMeter.Group.matching("postgres",
                    line -> line.contains("postgres") && !line.contains("java")));
            ConnectorRun runner = new ConnectorRun(stack.rest(), progress, cpu);
            String plugins = stack.rest().get("/connector-plugins").body();
            List<Contestant> contestants = RaceSelection.contestants(entrants, plugins, report);

            int run = 0;
            for (Workload workload : RaceSelection.workloads(List.of(Workload.values()))) {
                loader.load(workload, records);
                long expected = workload.expectedRows(records);
                if (run == 0) {
                    // Untimed warm-up, the same for everyone: the ceiling and each contestant once with one task,
                    // so no cell is measured on a cold JIT (the shared JsonConverter included).
                    target.prepare("bench_warmup", workload, records);
                    ceiling.write("bench_warmup", workload, records, 1, cpu);
                    DB.execute("DROP TABLE bench_warmup");
                    for (Contestant contestant : contestants) {
                        String table = "bench_warmup_" + (++run);
                        target.prepare(table, workload, records);
                        runner.run("bench-warmup-" + run, contestant.config(table, workload, 1), workload.topic());
                        DB.execute("DROP TABLE " + table);
                    }
                }
                for (int tasks : RaceSelection.taskCounts()) {
                    String table = "bench_raw";
                    target.prepare(table, workload, records);
                    ConnectorRun.Measurement raw = ceiling.write(table, workload, records, tasks, cpu);
                    assertThat(target.count(table)).as("raw %s", workload).isEqualTo(expected);
                    report.add(new BenchmarkReport.Result(workload, tasks, RAW, records, raw.elapsed(), raw.cpu()));

                    for (Contestant contestant : contestants) {
                        table = "bench_" + (++run);
                        target.prepare(table, workload, records);
                        ConnectorRun.Measurement measured;
                        // every contestant writes each partition in order: the last changes arrive last
                        try (PostgresTarget.Arrival arrival = target.arrival(table, loader.lastChanges(workload))) {
                            measured = runner.run("bench-" + run, contestant.config(table, workload, tasks),
                                    workload.topic(), arrival::arrived);
                        }
                        assertThat(target.count(table)).as("%s %s tasks=%d", contestant.label(), workload, tasks)
                                .isEqualTo(expected);
                        report.add(new BenchmarkReport.Result(workload, tasks, contestant.label(), records,
                                measured.elapsed(), measured.cpu()));
                        DB.execute("DROP TABLE " + table);
                    }
                }
            }
        }
        String setup = String.format("""
                %,d records per workload, Connect JSON with schemas, %d partitions; one Kafka broker and one Connect \
                worker process (-Xmx2g) from the local stack, PostgreSQL on the same machine (%d cores). Connector \
                time is measured from the consumer group being stable with every partition assigned to the table \
                holding the last change of every partition (each contestant writes a partition in order; the run \
                then waits for the commit of the whole topic, untimed, so the worker's 1 s offset commit interval \
                does not count); batch size 5,000 for everyone. Before the first timed run, the ceiling and each \
                contestant run once untimed (JIT warm-up, the same for everyone).""", records, TopicLoader.PARTITIONS,
                Runtime.getRuntime().availableProcessors());
        Path file = report.write(Path.of(System.getProperty("cqrs.benchmark.reports", "reports")),
                "jdbc-sink", setup);
        System.out.println(report.markdown(setup));
        System.out.println("Report written to " + file);
    }
}
