package io.cqrsconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows per second of each contestant per workload and task count, and the ratios the issues set targets for, as a
 * Markdown report in {@code benchmarks/reports/}. Ratios compare numbers measured in the same run only.
 */
final class BenchmarkReport {

    /** One measured run. */
    record Result(Workload workload, int tasks, String contestant, long rows, Duration elapsed,
                  CpuMeter.Reading cpu) {
        double rowsPerSecond() {
            return rows / (elapsed.toNanos() / 1e9);
        }

        /** CPU seconds per million records of each process group. */
        Map<String, Double> cpuPerMillion() {
            Map<String, Double> perMillion = new LinkedHashMap<>();
            cpu.seconds().forEach((group, seconds) -> perMillion.put(group, seconds * 1e6 / rows));
            return perMillion;
        }
    }

    private final String title;
    private final List<String> contestants;
    private final String baseline;
    private final List<Result> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param contestants column order; the last one is ours, compared with every other
     */
    BenchmarkReport(String title, List<String> contestants, String baseline) {
        this.title = title;
        this.contestants = contestants;
        this.baseline = baseline;
    }

    void add(Result result) {
        results.add(result);
        System.out.printf(Locale.ROOT, "%-20s tasks=%d %-32s %,10.0f rows/s (%,d rows in %.1f s)%n",
                result.workload().label, result.tasks(), result.contestant(), result.rowsPerSecond(),
                result.rows(), result.elapsed().toMillis() / 1000.0);
    }

    void note(String note) {
        notes.add(note);
    }

    String markdown(String setup) {
        String ours = contestants.get(contestants.size() - 1);
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n").append(setup.strip()).append("\n\n");
        md.append("| workload | tasks |");
        contestants.forEach(c -> md.append(' ').append(c).append(" (rows/s) |"));
        contestants.stream().limit(contestants.size() - 1L)
                .forEach(c -> md.append(" ours / ").append(c).append(" |"));
        md.append('\n').append("|---|---|");
        md.append("---|".repeat(contestants.size() * 2 - 1)).append('\n');
        Map<String, Map<String, Result>> rows = new LinkedHashMap<>();
        for (Result result : results) {
            rows.computeIfAbsent(result.workload().label + "|" + result.tasks(), k -> new LinkedHashMap<>())
                    .put(result.contestant(), result);
        }
        rows.forEach((key, byContestant) -> {
            String[] parts = key.split("\\|");
            md.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" |");
            for (String contestant : contestants) {
                Result result = byContestant.get(contestant);
                md.append(' ').append(result == null ? "—" : String.format(Locale.ROOT, "%,.0f",
                        result.rowsPerSecond())).append(" |");
            }
            Result mine = byContestant.get(ours);
            for (String contestant : contestants.subList(0, contestants.size() - 1)) {
                Result other = byContestant.get(contestant);
                md.append(' ').append(mine == null || other == null ? "—" : String.format(Locale.ROOT, "%.2f",
                        mine.rowsPerSecond() / other.rowsPerSecond())).append(" |");
            }
            md.append('\n');
        });
        appendCpu(md, rows);
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        md.append("\nBaseline for the targets: ").append(baseline).append(".\n");
        return md.toString();
    }

    /**
     * Where the CPU went: seconds per million records of the processes that matter for each contestant (the worker
     * or, for the ceiling, this JVM as the client; the store; the broker), so a report shows what bounds it.
     */
    private void appendCpu(StringBuilder md, Map<String, Map<String, Result>> rows) {
        if (results.stream().allMatch(result -> result.cpu().seconds().isEmpty())) {
            return;
        }
        md.append("\nCPU seconds per million records, measured over the same interval as the time: the worker (the ")
                .append("ceiling: its client) / the store / the broker. The machine has ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores.\n\n| workload | tasks |");
        contestants.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append('\n').append("|---|---|").append("---|".repeat(contestants.size())).append('\n');
        rows.forEach((key, byContestant) -> {
            String[] parts = key.split("\\|");
            md.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" |");
            for (String contestant : contestants) {
                Result result = byContestant.get(contestant);
                md.append(' ').append(result == null || result.cpu().seconds().isEmpty() ? "—" : cpuCell(result))
                        .append(" |");
            }
            md.append('\n');
        });
    }

    /** The first column is the raw ceiling, a client in this JVM; every other contestant runs in the worker. */
    private String cpuCell(Result result) {
        Map<String, Double> perMillion = result.cpuPerMillion();
        String runner = result.contestant().equals(contestants.get(0)) ? "client" : "worker";
        double store = perMillion.entrySet().stream()
                .filter(e -> !List.of("client", "worker", "broker").contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", perMillion.getOrDefault(runner, 0d), store,
                perMillion.getOrDefault("broker", 0d));
    }

    Path write(Path directory, String name, String setup) throws IOException {
        Files.createDirectories(directory);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        Path file = directory.resolve(name + "-" + stamp + ".md");
        Files.writeString(file, markdown(setup));
        return file;
    }
}
