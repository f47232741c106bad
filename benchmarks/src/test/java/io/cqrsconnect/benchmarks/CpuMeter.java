package io.cqrsconnect.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU seconds used by groups of processes on this machine (the Connect worker, the store, the Kafka broker, this
 * JVM), read from Linux's {@code /proc}, so a report can say where a run's CPU went and what bounds it. A process's
 * own time plus that of its reaped children counts, so a database backend that exits with its connection is still
 * counted, in its parent. Without {@code /proc} every reading is empty and the report has no CPU table.
 */
final class CpuMeter {

    /**
     * A named group: the processes whose ids {@code ids} gives at each reading (when not null), else those whose
     * command line (preceded by " PID ") satisfies the predicate.
     */
    record Group(String name, Predicate<String> commandLine, Supplier<Set<Long>> ids) {
        static Group matching(String name, Predicate<String> commandLine) {
            return new Group(name, commandLine, null);
        }

        /**
         * The processes whose command line satisfies {@code root}, and all their descendants: a server whose
         * children rename themselves (PostgreSQL's backends), told apart from another server of the same product.
         */
        static Group processTree(String name, Predicate<String> root) {
            return new Group(name, null, () -> ProcessHandle.allProcesses()
                    .filter(process -> root.test(process.info().commandLine().orElse("")))
                    .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                    .map(ProcessHandle::pid).collect(Collectors.toSet()));
        }
    }

    /** CPU seconds per group at one moment, or between two. */
    record Reading(Map<String, Double> seconds) {
        Reading minus(Reading earlier) {
            Map<String, Double> difference = new LinkedHashMap<>();
            seconds.forEach((group, value) -> difference.put(group, value - earlier.seconds.getOrDefault(group, 0d)));
            return new Reading(difference);
        }
    }

    private static final Path PROC = Path.of("/proc");
    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux build in use

    private final List<Group> groups;

    CpuMeter(List<Group> groups) {
        this.groups = groups;
    }

    /** The groups of a race: this JVM (the ceiling's client), the worker, the store and the broker. */
    static CpuMeter forRace(Group store) {
        String self = " " + ProcessHandle.current().pid() + " ";
        return new CpuMeter(List.of(
                Group.matching("client", line -> line.startsWith(self)),
                Group.matching("worker", line -> line.contains("ConnectDistributed")),
                store,
                Group.matching("broker", line -> line.contains("kafka.Kafka "))));
    }

    Reading read() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        if (!Files.isDirectory(PROC)) {
            return new Reading(seconds);
        }
        Map<Group, Set<Long>> ids = new HashMap<>();
        groups.forEach(group -> {
            seconds.put(group.name(), 0d);
            if (group.ids() != null) {
                ids.put(group, group.ids().get());
            }
        });
        try (Stream<Path> processes = Files.list(PROC)) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                String line = " " + pid + " " + commandLine(p);
                for (Group group : groups) {
                    if (group.ids() != null ? ids.get(group).contains(pid) : group.commandLine().test(line)) {
                        seconds.merge(group.name(), cpuSeconds(p), Double::sum);
                        return;
                    }
                }
            });
        } catch (IOException e) {
            return new Reading(Map.of());
        }
        return new Reading(seconds);
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return ""; // the process ended meanwhile
        }
    }

    /** utime + stime + cutime + cstime, fields 14-17 of /proc/PID/stat (after the parenthesised command name). */
    private static double cpuSeconds(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
