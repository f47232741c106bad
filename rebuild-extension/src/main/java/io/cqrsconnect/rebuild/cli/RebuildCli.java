package io.cqrsconnect.rebuild.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.rebuild.ConnectApi;
import io.cqrsconnect.rebuild.RebuildConfig;
import io.cqrsconnect.rebuild.RebuildCoordinatorTask;
import io.cqrsconnect.rebuild.RebuildStarter;
import io.cqrsconnect.rebuild.RebuildState;
import io.cqrsconnect.rebuild.RebuildStatus;
import io.cqrsconnect.rebuild.StatusLog;
import io.cqrsconnect.rebuild.request.CoordinatorClasses;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * {@code cqrs-rebuild}: rebuilds read models through the plain Connect REST API, for clusters where the
 * {@code /read-models} extension cannot be installed (Connect 3.x workers, managed services). It starts, reads and
 * cancels the same coordinator connector the extension does; the rebuild is the same.
 */
public final class RebuildCli {

    static final String USAGE = """
            Usage: cqrs-rebuild --connect-url URL [--user USER --password-file FILE] COMMAND

            Commands:
              list                      the read models (connectors of cqrs-connect's sinks) and their generations
              status CONNECTOR          the rebuild of CONNECTOR: state, progress, rate, ETA, handoff pause
              start CONNECTOR --bootstrap-servers SERVERS [--kafka-property KEY=VALUE]...
                    [--config JSON] [--force] [--in-place] [--wait]
                                        builds the next generation beside the serving one and switches readers to
                                        it once it has caught up; --config changes settings for the new generation
                                        (a JSON object, e.g. '{"field.include.list": "id,status"}'), --force rebuilds
                                        even when retention has deleted early history, --wait follows it to the
                                        end. --in-place: WITH DOWNTIME, for models written without generations
                                        (read.model.generation=0): stops the connector, clears its table or index,
                                        sets its offsets to the earliest retained and resumes it with --config;
                                        readers see the model empty, then refilling, until the replay has caught
                                        up (as long as replaying the whole history takes: the status has the ETA)
              cancel CONNECTOR          drops the generation being built; the serving one is untouched (in place:
                                        only before the model is cleared)

            Readers never see an empty or half-built model (except with --in-place): the live connector is paused
            only for the handoff, which the status reports (handoff_pause_ms). The status comes from the
            coordinator's committed source offset, so it is as fresh as the worker's last offset flush
            (offset.flush.interval.ms, 60 s by default); the /read-models extension on Connect 4.x answers from the status topic instead.
            --bootstrap-servers (and --kafka-property, e.g. security.protocol=SSL) is the Kafka cluster of the
            connector's topics, which the coordinator reads positions from.

            Exit codes: 0 done, 1 failed or bad usage, 2 no such connector or rebuild, 3 a rebuild is under way.
            """;

    private final ConnectApi api;
    private final String connectUrl;
    private final String user;
    private final String password;
    private final PrintStream out;

    private RebuildCli(String connectUrl, String user, String password, PrintStream out) {
        this.api = new ConnectApi(connectUrl, user, password);
        this.connectUrl = connectUrl;
        this.user = user;
        this.password = password;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println();
            err.print(USAGE);
            return 1;
        }
        try {
            String password = arguments.passwordFile == null ? "" : Files.readString(Path.of(arguments.passwordFile),
                    StandardCharsets.UTF_8).strip();
            RebuildCli cli = new RebuildCli(arguments.connectUrl, arguments.user, password, out);
            return switch (arguments.command) {
                case "list" -> cli.list();
                case "status" -> cli.status(arguments.connector);
                case "start" -> cli.start(arguments);
                case "cancel" -> cli.cancel(arguments.connector);
                default -> throw new IllegalStateException(arguments.command);
            };
        } catch (IOException | ConnectException e) {
            err.println("cqrs-rebuild: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int list() {
        for (String connector : api.connectors()) {
            Map<String, String> config = api.config(connector).orElse(Map.of());
            if (CoordinatorClasses.forSink(config.get("connector.class")).isPresent()) {
                out.println(connector + "\tgeneration " + config.getOrDefault("read.model.generation", "0")
                        + lastStatus(connector).map(status -> "\trebuild " + status.state()).orElse(""));
            }
        }
        return 0;
    }

    private int status(String connector) {
        Optional<RebuildStatus> status = lastStatus(connector);
        if (status.isEmpty()) {
            out.println("No rebuild of '" + connector + "' is under way or kept.");
            return 2;
        }
        out.println(describe(status.get()));
        return status.get().state() == RebuildState.FAILED ? 1 : 0;
    }

    private int start(Arguments arguments) throws InterruptedException {
        String connector = arguments.connector;
        Optional<Map<String, String>> config = api.config(connector);
        if (config.isEmpty()) {
            out.println("There is no connector '" + connector + "'.");
            return 2;
        }
        Optional<String> coordinatorClass = CoordinatorClasses.forSink(config.get().get("connector.class"));
        if (coordinatorClass.isEmpty()) {
            out.println("'" + connector + "' is a " + config.get().get("connector.class") + "; only the read models "
                    + "of cqrs-connect's sinks can be rebuilt.");
            return 1;
        }
        RebuildConfig.parseOverrides(arguments.overrides); // refuse a bad --config before anything is created
        RebuildStarter starter = new RebuildStarter(api, connectUrl, user, password,
                RebuildConfig.DEFAULT_STATUS_TOPIC, arguments.kafka);
        RebuildStarter.Outcome outcome = starter.start(connector, config.get(), coordinatorClass.get(),
                arguments.overrides, arguments.force, arguments.inPlace, lastStatus(connector));
        if (outcome instanceof RebuildStarter.UnderWay underWay) {
            out.println("A rebuild of '" + connector + "' is under way" + underWay.status().map(s -> " ("
                    + s.state() + ")").orElse("") + ": follow it with 'status', or stop it with 'cancel'.");
            return 3;
        }
        RebuildStarter.Started started = (RebuildStarter.Started) outcome;
        out.println((arguments.inPlace ? "Rebuild in place (readers see the model empty until it has caught up) of '"
                : "Rebuild of '") + connector + "' requested at " + started.requestedAt() + " (coordinator '"
                + started.coordinator() + "').");
        if (!arguments.wait) {
            return 0;
        }
        RebuildStatus last = null;
        while (true) {
            Optional<RebuildStatus> status = lastStatus(connector)
                    .filter(s -> s.startedAt().equals(started.requestedAt()));
            if (status.isPresent() && !status.get().equals(last)) {
                last = status.get();
                out.println(describe(last));
                if (last.state().terminal()) {
                    return last.state() == RebuildState.DONE ? 0 : 1;
                }
            }
            Thread.sleep(Duration.ofSeconds(2).toMillis()); // polling a remote status, not synchronizing threads
        }
    }

    private int cancel(String connector) {
        String coordinator = RebuildStarter.coordinatorName(connector);
        Optional<Map<String, String>> config = api.config(coordinator);
        if (config.isEmpty() || lastStatus(connector).map(status -> status.state().terminal()
                && status.startedAt().equals(config.get().get(RebuildConfig.REQUESTED_AT_CONFIG))).orElse(false)) {
            out.println("No rebuild of '" + connector + "' is under way.");
            return 2;
        }
        Map<String, String> cancelled = new LinkedHashMap<>(config.get());
        cancelled.put(RebuildConfig.CANCEL_CONFIG, "true");
        api.replaceConfig(coordinator, cancelled);
        out.println("Cancel of the rebuild of '" + connector + "' requested: the generation being built is "
                + "dropped; after the switch a rebuild finishes instead.");
        return 0;
    }

    private Optional<RebuildStatus> lastStatus(String connector) {
        return api.sourceOffset(RebuildStarter.coordinatorName(connector),
                Map.of(RebuildCoordinatorTask.PARTITION_KEY, connector), RebuildCoordinatorTask.OFFSET_KEY)
                .map(StatusLog::parse);
    }

    static String describe(RebuildStatus status) {
        StringBuilder line = new StringBuilder(status.connector()).append(": ").append(status.state());
        if (status.inPlace()) {
            line.append(", in place");
        } else if (status.buildingGeneration() > 0) {
            line.append(", generation ").append(status.buildingGeneration()).append(" (serving ")
                    .append(status.servingGeneration()).append(')');
        }
        line.append(", ").append(status.recordsDone()).append('/').append(status.recordsTotal())
                .append(" records (").append(status.percent()).append("%)");
        if (status.ratePerSecond() > 0) {
            line.append(", ").append(Math.round(status.ratePerSecond())).append(" records/s");
        }
        if (status.etaSeconds() >= 0 && !status.state().terminal()) {
            line.append(", ETA ").append(status.etaSeconds()).append(" s");
        }
        if (status.state() == RebuildState.DONE) {
            line.append(", live writes paused ").append(status.handoffPauseMs()).append(status.inPlace()
                    ? " ms to clear the model" : " ms for the handoff");
        }
        if (status.lastError() != null) {
            line.append("\n  ").append(status.lastError());
        }
        return line.toString();
    }

    /** The command line, parsed. */
    private static final class Arguments {
        String connectUrl;
        String user = "";
        String passwordFile;
        String command;
        String connector;
        String overrides = "{}";
        boolean force;
        boolean inPlace;
        boolean wait;
        final Map<String, Object> kafka = new LinkedHashMap<>();

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--connect-url" -> parsed.connectUrl = value(args, ++i);
                    case "--user" -> parsed.user = value(args, ++i);
                    case "--password-file" -> parsed.passwordFile = value(args, ++i);
                    case "--bootstrap-servers" -> parsed.kafka.put("bootstrap.servers", value(args, ++i));
                    case "--kafka-property" -> {
                        String[] pair = value(args, ++i).split("=", 2);
                        if (pair.length != 2) {
                            throw new IllegalArgumentException("--kafka-property takes KEY=VALUE");
                        }
                        parsed.kafka.put(pair[0], pair[1]);
                    }
                    case "--config" -> parsed.overrides = value(args, ++i);
                    case "--force" -> parsed.force = true;
                    case "--in-place" -> parsed.inPlace = true;
                    case "--wait" -> parsed.wait = true;
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        positional.add(args[i]);
                    }
                }
            }
            if (parsed.connectUrl == null) {
                throw new IllegalArgumentException("--connect-url is required");
            }
            if (positional.isEmpty()) {
                throw new IllegalArgumentException("a command is required");
            }
            parsed.command = positional.get(0);
            switch (parsed.command) {
                case "list" -> require(positional, 1);
                case "status", "cancel" -> parsed.connector = require(positional, 2).get(1);
                case "start" -> {
                    parsed.connector = require(positional, 2).get(1);
                    if (!parsed.kafka.containsKey("bootstrap.servers")) {
                        throw new IllegalArgumentException("start needs --bootstrap-servers");
                    }
                }
                default -> throw new IllegalArgumentException("unknown command " + parsed.command);
            }
            return parsed;
        }

        private static List<String> require(List<String> positional, int count) {
            if (positional.size() != count) {
                throw new IllegalArgumentException(positional.get(0) + " takes " + (count - 1) + " argument"
                        + (count == 2 ? "" : "s") + ", got " + (positional.size() - 1));
            }
            return positional;
        }

        private static String value(String[] args, int index) {
            if (index >= args.length) {
                throw new IllegalArgumentException(args[index - 1] + " needs a value");
            }
            return args[index];
        }
    }
}
