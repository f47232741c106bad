package io.cqrsconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The source race's Markdown report ({@code benchmarks/reports/jdbc-source-<stamp>.md}): the snapshot of each
 * contestant with its ratios to the raw ceiling and to Debezium, the steady change rates, and where the CPU went.
 * Ratios compare numbers of the same run only.
 */
final class SourceReport {

    static final String RAW = "raw ceiling (JDBC read + producer)";
    static final String DEBEZIUM = "Debezium PostgreSQL connector";
    static final String OURS = "cqrs-connect JDBC source";

    /** One snapshot: {@code bytes} is the topic's log size afterwards, {@code load} the 1-minute load average. */
    record Snapshot(String contestant, String how, long rows, SourceRun.Snapshot run, long bytes, double load) {
        ConnectorRun.Measurement measured() {
            return run.measured();
        }

        double rowsPerSecond() {
            return rows / (measured().elapsed().toNanos() / 1e9);
        }

        /** The rate once records flow: after the first one, start-up excluded. */
        double flowingPerSecond() {
            return (rows - 1) / (measured().elapsed().minus(run.firstRecord()).toNanos() / 1e9);
        }
    }

    /** One steady-change run of our connector in {@code mode}. */
    record Steady(String mode, SteadyChanges.Result result, double load) {
    }

    private final List<Snapshot> snapshots = new ArrayList<>();
    private final List<Steady> steady = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(Snapshot snapshot) {
        snapshots.add(snapshot);
        System.out.printf(Locale.ROOT, "snapshot %-36s %-50s %,10.0f rows/s (%,d rows in %.1f s, first after %.1f s)%n",
                snapshot.contestant(), snapshot.how(), snapshot.rowsPerSecond(), snapshot.rows(),
                snapshot.measured().elapsed().toMillis() / 1000.0, snapshot.run().firstRecord().toMillis() / 1000.0);
    }

    void add(Steady run) {
        steady.add(run);
        System.out.printf(Locale.ROOT, "steady %-12s writer %,10.0f changes/s, captured %,10.0f changes/s%n",
                run.mode(), run.result().writerPerSecond(), run.result().capturedPerSecond());
    }

    void note(String note) {
        notes.add(note);
    }

    /** The 1-minute load average now (0 where /proc/loadavg cannot be read). */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    String markdown(String setup) {
        StringBuilder md = new StringBuilder("# JDBC source: snapshot and steady change rate (PostgreSQL)\n\n")
                .append(setup.strip()).append("\n\n");
        md.append("| snapshot | how | rows | time (s) | rows/s | / raw ceiling | / Debezium | first record after "
                + "(s) | rows/s after the first record | bytes per record in the topic | CPU-s per million rows: "
                + "worker (raw: client) / PostgreSQL / broker | load average |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        Snapshot raw = find(RAW);
        Snapshot debezium = find(DEBEZIUM);
        for (Snapshot s : snapshots) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %,.0f | %s | %s | %.1f | %,.0f | %,d | %s "
                    + "| %.1f |%n", s.contestant(), s.how(), s.rows(), s.measured().elapsed().toMillis() / 1000.0,
                    s.rowsPerSecond(), ratio(s, raw), ratio(s, debezium), s.run().firstRecord().toMillis() / 1000.0,
                    s.flowingPerSecond(), s.rows() == 0 ? 0 : s.bytes() / s.rows(),
                    cpu(s.measured().cpu(), s.rows(), s.contestant().equals(RAW) ? "client" : "worker"), s.load()));
        }
        if (!steady.isEmpty()) {
            md.append("\n| steady changes, ours | changes | writer's own rate (changes/s) | captured end to end "
                    + "(changes/s) | captured / writer | CPU-s per million changes: worker / PostgreSQL (writer "
                    + "included) / broker | load average |\n|---|---|---|---|---|---|---|\n");
            for (Steady s : steady) {
                SteadyChanges.Result r = s.result();
                md.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f | %.2f | %s | %.1f |%n", s.mode(),
                        r.changes(), r.writerPerSecond(), r.capturedPerSecond(),
                        r.capturedPerSecond() / r.writerPerSecond(), cpu(r.captured().cpu(), r.changes(), "worker"),
                        s.load()));
            }
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        md.append("\nTargets (issue 13): our snapshot at least 70% of the raw ceiling and faster than Debezium's.\n");
        return md.toString();
    }

    Path write(Path directory, String setup) throws IOException {
        Files.createDirectories(directory);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        Path file = directory.resolve("jdbc-source-" + stamp + ".md");
        Files.writeString(file, markdown(setup));
        return file;
    }

    private Snapshot find(String contestant) {
        return snapshots.stream().filter(s -> s.contestant().equals(contestant)).findFirst().orElse(null);
    }

    private static String ratio(Snapshot s, Snapshot baseline) {
        return baseline == null || baseline == s ? "—"
                : String.format(Locale.ROOT, "%.2f", s.rowsPerSecond() / baseline.rowsPerSecond());
    }

    private static String cpu(CpuMeter.Reading reading, long count, String runner) {
        Map<String, Double> seconds = reading.seconds();
        if (seconds.isEmpty() || count == 0) {
            return "—";
        }
        double perMillion = 1e6 / count;
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", seconds.getOrDefault(runner, 0d) * perMillion,
                seconds.getOrDefault("postgres", 0d) * perMillion, seconds.getOrDefault("broker", 0d) * perMillion);
    }
}
