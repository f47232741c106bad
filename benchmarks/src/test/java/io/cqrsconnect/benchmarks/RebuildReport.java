package io.cqrsconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * One rebuild of one read model.
     *
     * @param model           what was rebuilt and how
     * @param steadyRecords   records the steady-state run wrote (the topic then)
     * @param steadyPerSecond the same sink config as a fresh connector over the topic
     * @param rebuild         the rebuild, measured
     * @param livePerSecond   updates of existing ids per second while it ran
     * @param steadyLoad      the machine's 1-minute load average when the steady state run ended
     */
    record Row(String model, long steadyRecords, double steadyPerSecond, RebuildRun.Measurement rebuild,
               double livePerSecond, double steadyLoad) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        RebuildRun.Measurement rebuild = row.rebuild();
        System.out.printf(Locale.ROOT, "%-52s steady %,8.0f/s  rebuild %,8.0f/s (%.0f%%)  builder %,8.0f/s (%.0f%%)  "
                        + "done in %.1f s  handoff pause %,d ms (%,d past the targets)  live %,.0f/s%n", row.model(),
                row.steadyPerSecond(), rebuild.requestToCaughtUp(),
                100 * rebuild.requestToCaughtUp() / row.steadyPerSecond(), rebuild.builderReplay(),
                100 * rebuild.builderReplay() / row.steadyPerSecond(), rebuild.done().toMillis() / 1000.0,
                rebuild.handoffPauseMs(), rebuild.pastTargets(), row.livePerSecond());
    }

    void note(String note) {
        notes.add(note);
    }

    String markdown(String setup) {
        StringBuilder md = new StringBuilder("# Rebuild replay against the steady state\n\n")
                .append(setup.strip()).append("\n\n");
        md.append("| read model | steady state: records | steady state (records/s) | rebuild: records_total "
                + "| request to caught up (records/s) | / steady state | builder's replay (records/s) "
                + "| / steady state | request to DONE (s) | handoff pause (ms) | written past the targets "
                + "| live updates (records/s) | load average: steady state / rebuild |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            RebuildRun.Measurement rebuild = row.rebuild();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,d | %,.0f | %.0f%% | %,.0f | %.0f%% | %.1f "
                            + "| %,d | %,d | %,.0f | %.1f / %.1f |%n", row.model(), row.steadyRecords(),
                    row.steadyPerSecond(), rebuild.recordsTotal(), rebuild.requestToCaughtUp(),
                    100 * rebuild.requestToCaughtUp() / row.steadyPerSecond(), rebuild.builderReplay(),
                    100 * rebuild.builderReplay() / row.steadyPerSecond(), rebuild.done().toMillis() / 1000.0,
                    rebuild.handoffPauseMs(), rebuild.pastTargets(), row.livePerSecond(),
                    row.steadyLoad(), rebuild.loadAtDone()));
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        md.append("\nTarget (issue 12): a rebuild replays at least 90% as fast as the sink's steady state.\n");
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
