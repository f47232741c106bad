package io.cqrsconnect.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Elasticsearch sink race (issue 4): our sink against the raw ceiling of the official client's bulk ingester,
 * same documents, same node, same run. Index (new documents), upsert (partial updates of existing ones), and a mix
 * with deletes; tasks.max 1 and 4; 4 partitions. Asserts only correctness (document counts). Our sink runs twice:
 * as its users run it (external versioning by Kafka offset, the default) and without versioning, like the ceiling,
 * which shows what the never-regress guarantee costs.
 *
 * <p>Run: {@code ./mvnw verify -Pbenchmark -pl benchmarks -am -Dbenchmark=ElasticsearchSinkBenchmark}.
 */
class ElasticsearchSinkBenchmark {

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode().withHeapMegabytes(1024);

    private static final String RAW = "raw ceiling (BulkIngester)";
    private static final List<Workload> WORKLOADS = List.of(Workload.INSERT, Workload.UPSERT_EXISTING,
            Workload.MIXED);

    @Test
    void race() throws Exception {
        long records = Long.getLong("cqrs.benchmark.records", 1_000_000L);
        // ours as users run it goes last: the report compares the last column with every other
        List<Contestant> entrants = List.of(Contestant.cqrsElasticsearchSink(ES, false),
                Contestant.cqrsElasticsearchSink(ES, true));
        List<String> columns = new ArrayList<>(List.of(RAW));
        entrants.forEach(contestant -> columns.add(contestant.label()));
        BenchmarkReport report = new BenchmarkReport("Elasticsearch sink throughput", columns,
                "the raw ceiling; the target is at least 80% of it");
        ElasticsearchTarget target = new ElasticsearchTarget(ES.client());
        RawElasticsearchCeiling ceiling = new RawElasticsearchCeiling(ES.client());

        try (LocalStack stack = LocalStack.builder().workerHeap("-Xmx2g")
                     // the production default: a group's tasks join before the first assignment, so a run with
                     // several tasks starts without rebalancing (the test stacks use 0 for speed)
                     .brokerProperty("group.initial.rebalance.delay.ms", "3000").build().start();
             ConsumerGroupProgress progress = new ConsumerGroupProgress(stack.bootstrapServers())) {
            TopicLoader loader = new TopicLoader(stack.bootstrapServers());
            CpuMeter cpu = CpuMeter.forRace(new CpuMeter.Group("elasticsearch", null, ES::processIds));
            ConnectorRun runner = new ConnectorRun(stack.rest(), progress, cpu);
            String plugins = stack.rest().get("/connector-plugins").body();
            List<Contestant> contestants = RaceSelection.contestants(entrants, plugins, report);
            int run = 0;
            for (Workload workload : RaceSelection.workloads(WORKLOADS)) {
                loader.load(workload, records);
                long expected = workload.expectedRows(records);
                if (run == 0) {
                    // Untimed warm-up, the same for everyone: the ceiling and each contestant once with one task,
                    // so no cell is measured on a cold JIT (the shared JsonConverter included).
                    target.prepare("bench-warmup", workload, records);
                    ceiling.write("bench-warmup", workload, records, 1);
                    target.delete("bench-warmup");
                    for (Contestant contestant : contestants) {
                        String index = "bench-warmup-" + (++run);
                        target.prepare(index, workload, records);
                        runner.run("bench-es-warmup-" + run, contestant.config(index, workload, 1), workload.topic());
                        target.delete(index);
                    }
                }
                for (int tasks : RaceSelection.taskCounts()) {
                    String index = "bench-raw";
                    target.prepare(index, workload, records);
                    CpuMeter.Reading before = cpu.read();
                    Duration raw = ceiling.write(index, workload, records, tasks);
                    CpuMeter.Reading rawCpu = cpu.read().minus(before);
                    assertThat(target.count(index)).as("raw %s", workload).isEqualTo(expected);
                    report.add(new BenchmarkReport.Result(workload, tasks, RAW, records, raw, rawCpu));
                    target.delete(index);
                    for (Contestant contestant : contestants) {
                        index = "bench-" + (++run);
                        target.prepare(index, workload, records);
                        ConnectorRun.Measurement measured = runner.run("bench-es-" + run,
                                contestant.config(index, workload, tasks), workload.topic());
                        assertThat(target.count(index)).as("%s %s tasks=%d", contestant.label(), workload, tasks)
                                .isEqualTo(expected);
                        report.add(new BenchmarkReport.Result(workload, tasks, contestant.label(), records,
                                measured.elapsed(), measured.cpu()));
                        target.delete(index);
                    }
                }
            }
        }
        String setup = String.format("""
                %,d records per workload, Connect JSON with schemas, %d partitions; one Kafka broker and one Connect \
                worker process (-Xmx2g) from the local stack, one Elasticsearch 8.19 node (1 GB heap) on the same \
                machine (%d cores). Connector time is measured from the consumer group being stable with every \
                partition assigned to the group having committed the whole topic (the sink spreads a partition's \
                documents over parallel bulk requests, so the index cannot tell earlier when all arrived: the \
                worker's 1 s offset commit interval counts against the connector here). Before the first timed \
                run, the ceiling and each contestant run once untimed (JIT warm-up, the same for everyone).""",
                records, TopicLoader.PARTITIONS, Runtime.getRuntime().availableProcessors());
        Path file = report.write(Path.of(System.getProperty("cqrs.benchmark.reports", "reports")),
                "elasticsearch-sink", setup);
        System.out.println(report.markdown(setup));
        System.out.println("Report written to " + file);
    }
}
