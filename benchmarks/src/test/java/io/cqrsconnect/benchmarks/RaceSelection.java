package io.cqrsconnect.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Narrows a race to some workloads, task counts and contestants, for profiling one path without waiting for the
 * whole race. A reference report is always a full race; these are for looking closer:
 * {@code -Dbenchmark.workloads=upsert-new,mixed-with-deletes}, {@code -Dbenchmark.tasks=4},
 * {@code -Dbenchmark.contestants=cqrs} (a contestant is kept when its label contains one of the words). The raw
 * ceiling always runs, so every report still has its baseline.
 */
final class RaceSelection {

    private RaceSelection() {
    }

    static List<Workload> workloads(List<Workload> all) {
        List<String> wanted = list("cqrs.benchmark.workloads");
        return wanted.isEmpty() ? all : all.stream().filter(workload -> wanted.contains(workload.label)).toList();
    }

    static int[] taskCounts() {
        List<String> wanted = list("cqrs.benchmark.tasks");
        return wanted.isEmpty() ? new int[] {1, 4} : wanted.stream().mapToInt(Integer::parseInt).toArray();
    }

    /**
     * The selected entrants whose plugin the worker has; each missing one gets a note in the report, so a report
     * never silently lacks a peer.
     */
    static List<Contestant> contestants(List<Contestant> entrants, String workerPlugins, BenchmarkReport report) {
        List<Contestant> contestants = new java.util.ArrayList<>();
        for (Contestant contestant : entrants) {
            if (!includes(contestant.label())) {
                continue;
            }
            if (workerPlugins.contains(contestant.connectorClass())) {
                contestants.add(contestant);
            } else {
                report.note(contestant.label() + " was not on the worker's plugin.path: not measured.");
            }
        }
        return contestants;
    }

    /** Whether {@code -Dbenchmark.contestants} (empty: all) selects the contestant with this label. */
    static boolean includes(String contestantLabel) {
        List<String> wanted = list("cqrs.benchmark.contestants");
        String label = contestantLabel.toLowerCase(Locale.ROOT);
        return wanted.isEmpty() || wanted.stream().anyMatch(word -> label.contains(word.toLowerCase(Locale.ROOT)));
    }

    private static List<String> list(String property) {
        String value = System.getProperty(property, "").strip();
        return value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(String::strip).toList();
    }
}
