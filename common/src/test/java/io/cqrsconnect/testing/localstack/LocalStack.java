package io.cqrsconnect.testing.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker process and a real Kafka Connect worker process, from the jars of a Kafka distribution, driven
 * only through the Connect REST API ({@link #rest()}) and Kafka clients ({@link #bootstrapServers()}).
 *
 * <p>This is what our users run: a stock worker that loads our plugins from {@code plugin.path} in isolated class
 * loaders, found by {@code plugin.discovery=service_load}. End-to-end tests, the quickstart and benchmarks use it so
 * they exercise the plugin archives as shipped, in separate JVMs with their own heaps, rather than classes on a test
 * class path (see {@link ConnectWorkerProcess} for what that catches).
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().build().start()) {
 *     stack.rest().put("/connectors/my-sink/config", Map.of("connector.class", "...", ...));
 * }
 * }</pre>
 *
 * <p>One worker by default; {@link Builder#workers(int)} makes a cluster of several, for tests of what happens when
 * one of them dies ({@link ConnectWorkerProcess#kill()}) and the others take over its work.
 *
 * <p>Defaults come from the system properties the packaging module's failsafe configuration sets:
 * {@code cqrs.kafka.runtime} (the Kafka jars), {@code cqrs.plugin.path} and {@code cqrs.build.directory} (the work
 * directory is a new {@code local-stack/<timestamp>} under it). The work directory keeps every config and log for a
 * look after a failure; a new one per run means no state leaks between runs.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final Path kafkaRuntime;
    private final Path pluginPath;
    private final Path workDir;
    private KafkaBrokerProcess broker;
    private final List<ConnectWorkerProcess> workers = new ArrayList<>();
    private ConnectRestClient rest;
    private Duration brokerStartup;
    private Duration workerStartup;

    private final String workerHeap;
    private final Map<String, String> workerOverrides;
    private final Map<String, String> brokerOverrides;
    private final Map<String, String> workerEnvironment;
    private final int workerCount;
    private int workersStarted;

    private LocalStack(Path kafkaRuntime, Path pluginPath, Path workDir, String workerHeap,
                       Map<String, String> workerOverrides, Map<String, String> brokerOverrides,
                       Map<String, String> workerEnvironment, int workerCount) {
        this.workerCount = workerCount;
        this.workerHeap = workerHeap;
        this.workerOverrides = Map.copyOf(workerOverrides);
        this.workerEnvironment = Map.copyOf(workerEnvironment);
        this.brokerOverrides = Map.copyOf(brokerOverrides);
        this.kafkaRuntime = kafkaRuntime.toAbsolutePath();
        this.pluginPath = pluginPath.toAbsolutePath();
        this.workDir = workDir.toAbsolutePath();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker, then the workers (side by side); returns once all are ready. If a worker fails, everything
     * started is stopped.
     */
    public LocalStack start() {
        if (broker != null) {
            throw new IllegalStateException("already started, work dir " + workDir);
        }
        checkKafkaRuntime();
        try {
            // The worker's plugin.path must exist; others unpack archives into it, possibly none yet.
            Files.createDirectories(pluginPath);
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + pluginPath + " or " + workDir, e);
        }
        LOG.info("Starting the local stack in {} (Kafka jars {}, plugin.path {})", workDir, kafkaRuntime, pluginPath);
        try {
            long begin = System.nanoTime();
            broker = new KafkaBrokerProcess(kafkaRuntime, workDir.resolve("broker"), brokerOverrides).start();
            brokerStartup = Duration.ofNanos(System.nanoTime() - begin);
            LOG.info("Kafka broker ready at {} in {} ms", broker.bootstrapServers(), brokerStartup.toMillis());

            begin = System.nanoTime();
            List<ConnectWorkerProcess> created = new ArrayList<>();
            for (int i = 0; i < workerCount; i++) {
                created.add(newWorker());
            }
            workers.addAll(created);
            startAll(created);
            workerStartup = Duration.ofNanos(System.nanoTime() - begin);
            LOG.info("Connect workers ready at {} in {} ms", created.stream().map(ConnectWorkerProcess::url).toList(),
                    workerStartup.toMillis());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        rest = new ConnectRestClient(workers.get(0).url());
        return this;
    }

    /** A worker process of this stack's cluster, not started; each gets its own directory and port. */
    private ConnectWorkerProcess newWorker() {
        workersStarted++;
        Path dir = workDir.resolve(workersStarted == 1 ? "worker" : "worker-" + workersStarted);
        return new ConnectWorkerProcess(kafkaRuntime, pluginPath, dir, broker.bootstrapServers(), workerHeap,
                workerOverrides, workerEnvironment);
    }

    /** Starts the workers side by side: most of a worker's start is waiting for its group, not using a core. */
    private static void startAll(List<ConnectWorkerProcess> created) {
        ExecutorService starters = Executors.newFixedThreadPool(created.size());
        try {
            CompletableFuture.allOf(created.stream().map(worker -> CompletableFuture.runAsync(worker::start,
                    starters)).toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            starters.shutdown();
        }
    }

    private void checkKafkaRuntime() {
        List<String> jars;
        try (var files = Files.list(kafkaRuntime)) {
            jars = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the Kafka runtime directory " + kafkaRuntime + ". The"
                    + " packaging module fills it (copy-kafka-runtime, phase pre-integration-test: ./mvnw verify -pl"
                    + " common,packaging), or set -Dcqrs.kafka.runtime to a Kafka distribution's libs/.", e);
        }
        for (String required : List.of("kafka_2.13-", "kafka-clients-", "connect-runtime-", "log4j-slf4j2-impl-")) {
            List<String> found = jars.stream().filter(n -> n.startsWith(required) && Character.isDigit(
                    n.charAt(required.length()))).toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("No " + required + "*.jar in the Kafka runtime directory "
                        + kafkaRuntime + " (" + jars.size() + " jars). The packaging module fills it"
                        + " (copy-kafka-runtime: ./mvnw verify -pl common,packaging).");
            }
            // copy-dependencies never deletes: after a Kafka upgrade the old jars would stay next to the new ones.
            if (found.size() > 1) {
                throw new IllegalStateException("Several versions in the Kafka runtime directory " + kafkaRuntime
                        + ": " + found + ". Delete the directory (or ./mvnw clean) and build again.");
            }
        }
    }

    /** {@code 127.0.0.1:PORT} of the broker. */
    public String bootstrapServers() {
        return started().broker.bootstrapServers();
    }

    /** {@code http://127.0.0.1:PORT} of the (first) worker's REST API. */
    public String connectUrl() {
        return worker().url();
    }

    /** A client of the (first) worker's REST API. */
    public ConnectRestClient rest() {
        return started().rest;
    }

    public KafkaBrokerProcess broker() {
        return started().broker;
    }

    /** The first worker; the only one unless {@link Builder#workers(int)} asked for more. */
    public ConnectWorkerProcess worker() {
        return started().workers.get(0);
    }

    /**
     * Every worker of the cluster, in the order they were made. One killed by its {@link ConnectWorkerProcess#kill()}
     * stays listed, dead; {@link #crashAndReplaceWorker()} puts the replacement in the first one's place.
     */
    public List<ConnectWorkerProcess> workers() {
        return List.copyOf(started().workers);
    }

    public Path workDir() {
        return workDir;
    }

    public Path pluginPath() {
        return pluginPath;
    }

    /** From starting the broker process until an AdminClient saw it (storage formatting included). */
    public Duration brokerStartup() {
        return started().brokerStartup;
    }

    /** From starting the worker processes until each one's {@code /health} and {@code /connector-plugins} answered. */
    public Duration workerStartup() {
        return started().workerStartup;
    }

    /**
     * Kills the worker with SIGKILL (a crash: no task stops, no offset commit, no leaving the group) and starts a
     * new worker process in its place, in the same Connect cluster; returns once the new one is healthy. Its tasks
     * come back after the group notices the old member is gone ({@code session.timeout.ms}) and reassigns them.
     */
    public ConnectWorkerProcess crashAndReplaceWorker() {
        worker().kill();
        ConnectWorkerProcess replacement = newWorker();
        workers.set(0, replacement);
        replacement.start();
        rest = new ConnectRestClient(replacement.url());
        LOG.info("Replaced the crashed worker with {}", replacement.url());
        return replacement;
    }

    private LocalStack started() {
        if (rest == null) {
            throw new IllegalStateException("the local stack is not started");
        }
        return this;
    }

    /**
     * Stops the workers first (so they can stop their connectors and commit their offsets while the broker is still
     * there), then the broker. Each gets SIGTERM and is killed if still running after 30 s. Idempotent.
     */
    @Override
    public void close() {
        try {
            workers.forEach(ConnectWorkerProcess::stop);
        } finally {
            if (broker != null) {
                broker.stop();
            }
        }
    }

    /** Where the stack's parts are. Unset values come from system properties (see {@link LocalStack}). */
    public static final class Builder {

        private Path kafkaRuntime;
        private Path pluginPath;
        private Path workDir;
        private String workerHeap = ConnectWorkerProcess.HEAP;
        private final Map<String, String> workerOverrides = new LinkedHashMap<>();
        private final Map<String, String> brokerOverrides = new LinkedHashMap<>();
        private final Map<String, String> workerEnvironment = new LinkedHashMap<>();
        private int workers = 1;

        private Builder() {
        }

        /** The Kafka distribution's jars; default: system property {@code cqrs.kafka.runtime}. */
        public Builder kafkaRuntime(Path dir) {
            this.kafkaRuntime = dir;
            return this;
        }

        /** The worker's {@code plugin.path}; default: system property {@code cqrs.plugin.path}. */
        public Builder pluginPath(Path dir) {
            this.pluginPath = dir;
            return this;
        }

        /**
         * Configs, logs and Kafka data; default: a new {@code local-stack/<timestamp>} under the system property
         * {@code cqrs.build.directory} (or {@code java.io.tmpdir}).
         */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** The worker's {@code -Xmx} option; default {@link ConnectWorkerProcess#HEAP}. */
        public Builder workerHeap(String xmx) {
            this.workerHeap = xmx;
            return this;
        }

        /** How many worker processes make the Connect cluster; default 1. They share every setting but the port. */
        public Builder workers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a Connect cluster needs at least one worker, not " + count);
            }
            this.workers = count;
            return this;
        }

        /** A worker property that replaces or adds to the local stack's defaults. */
        public Builder workerProperty(String name, String value) {
            workerOverrides.put(name, value);
            return this;
        }

        /** An environment variable of the worker process (besides those it inherits from the test JVM). */
        public Builder workerEnvironment(String name, String value) {
            workerEnvironment.put(name, value);
            return this;
        }

        /** A broker property that replaces or adds to the local stack's defaults. */
        public Builder brokerProperty(String name, String value) {
            brokerOverrides.put(name, value);
            return this;
        }

        public LocalStack build() {
            Path runtime = kafkaRuntime != null ? kafkaRuntime : requiredPath("cqrs.kafka.runtime", "kafkaRuntime");
            Path plugins = pluginPath != null ? pluginPath : requiredPath("cqrs.plugin.path", "pluginPath");
            Path work = workDir != null ? workDir : defaultWorkDir();
            return new LocalStack(runtime, plugins, work, workerHeap, workerOverrides, brokerOverrides,
                    workerEnvironment, workers);
        }

        private static Path requiredPath(String property, String setter) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("Set LocalStack.builder()." + setter + "(..) or the system property "
                        + property + " (the packaging module's failsafe configuration sets it).");
            }
            return Path.of(value);
        }

        private static Path defaultWorkDir() {
            String base = System.getProperty("cqrs.build.directory", System.getProperty("java.io.tmpdir"));
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
            return Path.of(base, "local-stack", stamp);
        }
    }
}
