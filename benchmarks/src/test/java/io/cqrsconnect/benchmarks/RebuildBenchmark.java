package io.cqrsconnect.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;
import io.cqrsconnect.testing.localstack.ConnectRestClient;
import io.cqrsconnect.testing.localstack.LocalStack;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rebuild benchmark (issue 12): how fast a rebuild replays a read model's history, with live updates going on,
 * against the same sink's steady state, for the JDBC sink on PostgreSQL and the Elasticsearch sink; the pause the
 * handoff puts in live writes; and, for Elasticsearch, what the replay index settings (no refreshes, no replicas)
 * buy, by rebuilding once with them and once without, in the same run.
 *
 * <p>Per sink: N records are loaded; a live connector ({@code read.model.generation=1}, writing under the model's
 * logical name) serves them, which also warms the worker's JIT; the same config as a fresh connector over the topic
 * is the steady state, timed as {@link ConnectorRun} times every race; then a producer keeps updating existing ids
 * and the rebuild is requested through the worker's REST extension and timed by {@link RebuildRun}. Afterwards the
 * model under its logical name must hold exactly N rows or documents, with every live update in it.
 *
 * <p>Run: {@code ./mvnw verify -Pbenchmark -pl benchmarks -am -Dbenchmark=RebuildBenchmark} (add
 * {@code -Dbenchmark.records=100000} for a quick look, {@code -Dbenchmark.contestants=jdbc} or {@code elasticsearch}
 * for one sink).
 */
class RebuildBenchmark {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    private static final String EXTENSION = "io.cqrsconnect.rebuild.extension.ReadModelsRestExtension";
    private static final int TASKS = 1;
    /** Updates of existing ids per second during a rebuild: steady traffic, far below what either sink writes. */
    private static final int LIVE_UPDATES_PER_SECOND = 500;
    /** A plain rebuild, as {@code curl -X POST .../rebuild} requests it. */
    private static final Request PLAIN = new Request("", "");
    /** The Elasticsearch builder without its replay settings: its index refreshes as the live one does. */
    private static final Request WITHOUT_REPLAY_SETTINGS = new Request(", replay settings off",
            "{\"config\": {\"read.model.replay.index.settings\": \"{}\"}}");

    /**
     * The replay settings once more, after the rebuild without them, so the order's effect shows: a request's replay
     * settings shape that rebuild alone, so a plain request has the defaults again.
     */
    private static final Request PLAIN_AGAIN = new Request(", replay settings on again", "");

    /** A rebuild request: how the report names it, and the body of the POST. */
    private record Request(String label, String body) {
    }

    /** The read model under its logical name, as readers see it. */
    private interface Model {
        long count(String logicalName) throws Exception;

        boolean holds(String logicalName, List<Workload.Change> changes) throws Exception;

        /** Drops the model's name and its generation 1 (physical name {@code <name>__g1}). */
        void drop(String logicalName) throws Exception;
    }

    @Test
    void rebuildAgainstSteadyState() throws Exception {
        long records = Long.getLong("cqrs.benchmark.records", 1_000_000L);
        RebuildReport report = new RebuildReport();
        Contestant jdbc = Contestant.cqrsJdbcSink(DB);
        ElasticsearchNode elasticsearch = new ElasticsearchNode().withHeapMegabytes(1024);
        try (LocalStack stack = LocalStack.builder().workerHeap("-Xmx2g")
                .workerProperty("rest.extension.classes", EXTENSION).build().start();
             ConsumerGroupProgress progress = new ConsumerGroupProgress(stack.bootstrapServers())) {
            Bench bench = new Bench(stack, progress, records);
            if (RaceSelection.includes(jdbc.label())) {
                PostgresTarget tables = new PostgresTarget(DB);
                // upsert: the live updates change rows the history inserted
                bench.race("JDBC sink (PostgreSQL)", jdbc, Workload.UPSERT_NEW, "rebuild_jdbc", new Model() {
                    @Override
                    public long count(String view) throws Exception {
                        return tables.count(view);
                    }

                    @Override
                    public boolean holds(String view, List<Workload.Change> changes) throws Exception {
                        try (PostgresTarget.Arrival arrival = tables.arrival(view, changes)) {
                            return arrival.arrived();
                        }
                    }

                    @Override
                    public void drop(String view) {
                        DB.execute("DROP VIEW IF EXISTS " + view, "DROP TABLE IF EXISTS " + view + "__g1");
                    }
                }, List.of(PLAIN), report);
            }
            Contestant search = Contestant.cqrsElasticsearchSink(elasticsearch, true);
            if (RaceSelection.includes(search.label())) {
                elasticsearch.start();
                // Readers of a model that must be fresh within a second set its refresh interval explicitly (here
                // through a template, which the sink respects): without it, Elasticsearch skips the periodic refresh
                // of a shard nobody searches, the new generation's included, and the replay settings would have
                // nothing to turn off.
                elasticsearch.client().indices().putIndexTemplate(t -> t.name("rebuild-benchmark")
                        .indexPatterns("rebuild-es*")
                        .template(template -> template.settings(settings -> settings
                                .refreshInterval(interval -> interval.time("1s")))));
                ElasticsearchTarget indices = new ElasticsearchTarget(elasticsearch.client());
                // index: each update replaces the document the history indexed; with the replay settings, without,
                // and with them again, so an order effect (merges after the steady state, say) shows
                List<RebuildRun.Measurement> rebuilds = bench.race("Elasticsearch sink", search, Workload.INSERT,
                        "rebuild-es", new Model() {
                            @Override
                            public long count(String alias) throws Exception {
                                return indices.count(alias);
                            }

                            @Override
                            public boolean holds(String alias, List<Workload.Change> changes) throws Exception {
                                return indices.holds(alias, changes);
                            }

                            @Override
                            public void drop(String alias) throws Exception {
                                indices.delete(alias + "__g1"); // its alias goes with it
                            }
                        }, List.of(PLAIN, WITHOUT_REPLAY_SETTINGS, PLAIN_AGAIN), report);
                RebuildRun.Measurement first = rebuilds.get(0);
                RebuildRun.Measurement without = rebuilds.get(1);
                RebuildRun.Measurement third = rebuilds.get(2);
                report.note(String.format(Locale.ROOT, "Elasticsearch replay settings (index.refresh_interval -1 "
                                + "and index.number_of_replicas 0 while the builder replays, the default): the "
                                + "builder replayed %,.0f records/s with them (first rebuild), %,.0f without them "
                                + "(second, `read.model.replay.index.settings={}` in the rebuild's body: the new "
                                + "index refreshes every second, as the live one does) and %,.0f with them again "
                                + "(third): with / without = %.2f and %.2f; from the request to caught up %.2f and "
                                + "%.2f. On one node replicas are never allocated, so only the refreshes differ "
                                + "here. Every index of this model gets index.refresh_interval=1s from a template: "
                                + "with the sink's defaults (no explicit interval) Elasticsearch does not refresh a "
                                + "shard nobody searches, which the new generation is until the switch, so the "
                                + "replay settings would have nothing to turn off.", first.builderReplay(),
                        without.builderReplay(), third.builderReplay(),
                        first.builderReplay() / without.builderReplay(),
                        third.builderReplay() / without.builderReplay(),
                        first.requestToCaughtUp() / without.requestToCaughtUp(),
                        third.requestToCaughtUp() / without.requestToCaughtUp()));
            }
        } finally {
            elasticsearch.close();
        }
        String setup = String.format(Locale.ROOT, """
                %,d records loaded per topic (Connect JSON with schemas, %d partitions), then updates of existing ids \
                at about %d records/s from a separate producer while each rebuild runs. One Kafka broker and one \
                Connect worker process (-Xmx2g, the rebuild REST extension loaded) from the local stack, PostgreSQL \
                and one Elasticsearch 8.19 node (1 GB heap) on the same machine (%d cores). \
                Every connector runs with tasks.max=%d and batch size 5,000; the Elasticsearch model's indices get \
                index.refresh_interval=1s from an index template (see the notes). The live connector (generation 1) \
                first serves the history, untimed, which also warms the worker's JIT. **Steady state alone**: the same \
                config as a fresh connector (its own logical name) over the whole topic with nothing else running, \
                timed from its consumer group being stable with every partition assigned to the group having \
                committed the whole topic (the JDBC sink's too, unlike the JDBC race: the rebuild is followed by \
                committed offsets as well). **Steady state under the live updates**, the reference: once more, while \
                the producer sends the live updates and the live connector writes them, as during each rebuild, up \
                to the commit of the topic's ends when it started. Every connector asks for a commit every second \
                (offset.commit.interval.ms=1000, as the rebuild's builder does); the worker commits every second too \
                (the local stack's offset.flush.interval.ms). **Rebuild**: records_total (the history \
                from the earliest offsets to the ends the coordinator took when it started, live updates sent \
                before then included) over the time from the POST /read-models/{connector}/rebuild \
                to the first GET /read-models/{connector} (polled every 250 ms) showing the rebuild past BUILDING: \
                coordinator and builder start-up, the builder's 1 s commits and the coordinator's 1 s polls included. \
                **Builder's replay**: records_total over the time from the builder's consumer group being stable to \
                its having committed every target offset, polled at the same 250 ms: the steady state's window. \
                **Handoff pause**: handoff_pause_ms as the coordinator measured it (live connector stopped to resumed \
                on the new generation); **written past the targets**: what the builder wrote beyond records_total \
                before it was stopped, from the final status; **load average**: the machine's 1-minute load average \
                when each steady state run and the rebuild ended (above the core count, work waited for a core). \
                After the last rebuild and the live connector's commit of the whole topic, each model under its \
                logical name holds %,d rows or documents and the last version of every id the live producer changed.""",
                records, TopicLoader.PARTITIONS, LIVE_UPDATES_PER_SECOND, Runtime.getRuntime().availableProcessors(),
                TASKS, records);
        Path file = report.write(Path.of(System.getProperty("cqrs.benchmark.reports", "reports")), setup);
        System.out.println(report.markdown(setup));
        System.out.println("Report written to " + file);
    }

    /** One stack's sinks raced in turn. */
    private static final class Bench {
        private final LocalStack stack;
        private final ConsumerGroupProgress progress;
        private final long records;
        private final TopicLoader loader;
        private final ConnectorRun runner;
        private final RebuildRun rebuilds;

        Bench(LocalStack stack, ConsumerGroupProgress progress, long records) {
            this.stack = stack;
            this.progress = progress;
            this.records = records;
            this.loader = new TopicLoader(stack.bootstrapServers());
            this.runner = new ConnectorRun(stack.rest(), progress, new CpuMeter(List.of()));
            this.rebuilds = new RebuildRun(stack.rest(), progress);
        }

        /**
         * Loads the workload, serves it with a live connector writing {@code logicalName}, times the steady state,
         * then rebuilds the live model once per request body under live updates, and checks the model.
         */
        List<RebuildRun.Measurement> race(String sink, Contestant contestant, Workload workload, String logicalName,
                                          Model model, List<Request> requests, RebuildReport report) throws Exception {
            String topic = workload.topic();
            loader.load(workload, records);
            String live = logicalName + "-live";
            ConnectRestClient.Response created = stack.rest().put("/connectors/" + live + "/config",
                    generationOne(contestant.config(logicalName, workload, TASKS)));
            assertThat(created.isSuccess()).as("%s", created).isTrue();
            awaitCommitted(live, topic);

            long history = progress.records(topic);
            ConnectorRun.Measurement steady = runner.run(logicalName + "-steady",
                    generationOne(contestant.config(logicalName + "_steady", workload, TASKS)), topic);
            RebuildReport.Steady alone = new RebuildReport.Steady(history, steady.elapsed(),
                    RebuildRun.loadAverage());
            // no background work (Elasticsearch's merges, PostgreSQL's autovacuum) on it during what follows
            model.drop(logicalName + "_steady");
            assertThatThrownBy(() -> model.count(logicalName + "_steady")).as("the steady state's model is gone")
                    .isNotNull();

            List<RebuildRun.Measurement> measured = new ArrayList<>();
            try (LiveUpdates updates = LiveUpdates.start(stack.bootstrapServers(), topic, records,
                    LIVE_UPDATES_PER_SECOND)) {
                await("the first live updates").atMost(Duration.ofSeconds(30)).until(() -> updates.sent() > 0);
                // the same fresh connector again, now sharing the machine with the live updates, the live
                // connector writing them and the producer sending them, as each rebuild does
                Map<TopicPartition, Long> ends = progress.ends(topic);
                ConnectorRun.Measurement loaded = runner.runTo(logicalName + "-steady-live",
                        generationOne(contestant.config(logicalName + "_steady_live", workload, TASKS)), topic, ends);
                RebuildReport.Steady underUpdates = new RebuildReport.Steady(
                        ends.values().stream().mapToLong(Long::longValue).sum(), loaded.elapsed(),
                        RebuildRun.loadAverage());
                model.drop(logicalName + "_steady_live");
                System.out.printf(Locale.ROOT, "%s steady state: %,.0f records/s alone, %,.0f under live updates%n",
                        sink, alone.perSecond(), underUpdates.perSecond());
                for (Request request : requests) {
                    measured.add(rebuilds.rebuild(live, request.body(), TASKS));
                }
                updates.stop();
                for (int i = 0; i < requests.size(); i++) {
                    report.add(new RebuildReport.Row(sink + requests.get(i).label(), alone, underUpdates,
                            measured.get(i), updates.perSecond()));
                }
                awaitCommitted(live, topic);
                JsonNode last = measured.get(measured.size() - 1).status();
                assertThat(last.path("serving_generation").asInt()).as("%s", last).isEqualTo(1 + requests.size());
                assertThat(model.count(logicalName)).as("%s rows under %s", sink, logicalName)
                        .isEqualTo(workload.expectedRows(records));
                assertThat(model.holds(logicalName, updates.lastChanges()))
                        .as("%s holds the last of the %,d live updates", sink, updates.sent()).isTrue();
            }
            return measured;
        }

        /**
         * A connector writing generation 1 of its read model, asking for a commit every second as the rebuild's
         * builder does: every connector of the run commits alike, whatever the worker's offset.flush.interval.ms.
         */
        private static Map<String, String> generationOne(Map<String, String> config) {
            config.put("read.model.generation", "1");
            config.put("offset.commit.interval.ms", "1000");
            return config;
        }

        /** Waits until the connector's group has committed the whole topic; a failed task ends the wait. */
        private void awaitCommitted(String connector, String topic) {
            await(connector + " to commit " + topic).atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        for (JsonNode task : stack.rest().get("/connectors/" + connector + "/status").json()
                                .path("tasks")) {
                            if ("FAILED".equals(task.path("state").asText())) {
                                throw new IllegalStateException(connector + " failed: " + task.path("trace"));
                            }
                        }
                        return progress.lag("connect-" + connector, topic) == 0;
                    });
        }
    }
}
