package io.cqrsconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rebuild's replay speed against the same sink's steady state, per read model, with the handoff pause and the live
 * traffic it ran under, as a Markdown report in {@code benchmarks/reports/}. {@link BenchmarkReport}'s columns are
 * contestants per workload; a rebuild has one contestant and other columns, so it gets this sibling.
 */
final class RebuildReport {

    /**
     * One steady-state run: the same sink config as a fresh connector over the whole topic.
     *
     * @param records the records it wrote: the topic's ends when it started
     * @param elapsed from its group being stable to its commit of those ends
     * @param load    the machine's 1-minute load average when it ended
     */
    record Steady(long records, Duration elapsed, double load) {
        double perSecond() {
            return records / (elapsed.toNanos() / 1e9);
        }
    }

    /**
     * One rebuild of one read model.
     *
     * @param model         what was rebuilt and how
     * @param alone         the steady state with nothing else going on
     * @param underUpdates  the steady state under the same live updates as the rebuild: the target's reference
     * @param rebuild       the rebuild, measured
     * @param livePerSecond updates of existing ids per second while it ran
     */
    record Row(String model, Steady alone, Steady underUpdates, RebuildRun.Measurement rebuild,
               double livePerSecond) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        RebuildRun.Measurement rebuild = row.rebuild();
        double reference = row.underUpdates().perSecond();
        System.out.printf(Locale.ROOT, "%-52s steady %,8.0f/s (alone %,8.0f/s)  rebuild %,8.0f/s (%.0f%%)  builder "
                        + "%,8.0f/s (%.0f%%)  done in %.1f s  handoff pause %,d ms (%,d past the targets)  live "
                        + "%,.0f/s%n", row.model(), reference, row.alone().perSecond(), rebuild.requestToCaughtUp(),
                100 * rebuild.requestToCaughtUp() / reference, rebuild.builderReplay(),
                100 * rebuild.builderReplay() / reference, rebuild.done().toMillis() / 1000.0,
                rebuild.handoffPauseMs(), rebuild.pastTargets(), row.livePerSecond());
    }

    void note(String note) {
        notes.add(note);
    }

    String markdown(String setup) {
        StringBuilder md = new StringBuilder("# Rebuild replay against the steady state\n\n")
                .append(setup.strip()).append("\n\n");
        md.append("| read model | steady state alone (records/s) | steady state under the live updates "
                + "(records/s) | rebuild: records_total | request to caught up (records/s) | / steady under updates "
                + "| builder's replay (records/s) | / steady under updates | / steady alone | request to DONE (s) "
                + "| handoff pause (ms) | written past the targets | live updates (records/s) "
                + "| load average: steady alone / under updates / rebuild |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            RebuildRun.Measurement rebuild = row.rebuild();
            double reference = row.underUpdates().perSecond();
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,d | %,.0f | %.0f%% | %,.0f | %.0f%% "
                            + "| %.0f%% | %.1f | %,d | %,d | %,.0f | %.1f / %.1f / %.1f |%n", row.model(),
                    row.alone().perSecond(), reference, rebuild.recordsTotal(), rebuild.requestToCaughtUp(),
                    100 * rebuild.requestToCaughtUp() / reference, rebuild.builderReplay(),
                    100 * rebuild.builderReplay() / reference, 100 * rebuild.builderReplay() / row.alone().perSecond(),
                    rebuild.done().toMillis() / 1000.0, rebuild.handoffPauseMs(), rebuild.pastTargets(),
                    row.livePerSecond(), row.alone().load(), row.underUpdates().load(), rebuild.loadAtDone()));
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        md.append("\nTarget (issue 12): a rebuild replays at least 90% as fast as the sink's steady state. The "
                + "reference is the steady state under the same live updates: both then share the machine with the "
                + "same other work (the producer, the live connector writing the updates).\n");
        return md.toString();
    }

    Path write(Path directory, String setup) throws IOException {
        Files.createDirectories(directory);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        Path file = directory.resolve("rebuild-" + stamp + ".md");
        Files.writeString(file, markdown(setup));
        return file;
    }
}
