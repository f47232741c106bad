package io.cqrsconnect.testing.localstack;

import static org.awaitility.Awaitility.await;

import io.cqrsconnect.testing.FreePorts;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One real Kafka Connect worker process in distributed mode, started from the jars of a Kafka distribution as
 * {@code bin/connect-distributed.sh} would: {@code java -cp 'libs/*' org.apache.kafka.connect.cli.ConnectDistributed
 * worker.properties}.
 *
 * <p>Why a process and not a worker in the test JVM: our connectors are loaded from {@code plugin.path}, each plugin
 * directory by its own {@code PluginClassLoader}, with only Kafka's jars on the class path, which is exactly what
 * users get. A plugin archive that lacks a dependency, or bundles one that clashes with the worker's, fails here
 * as it would for them; in the test JVM the test class path would hide both.
 *
 * <p>Plugins are discovered with {@code plugin.discovery=service_load}, the mode KIP-898 introduced and means to make
 * the default: only plugins declared in {@code META-INF/services} exist. A forgotten manifest therefore fails a test
 * instead of working by reflection scanning and breaking on the first worker that does not scan.
 */
public final class ConnectWorkerProcess implements AutoCloseable {

    /** Enough for a few connectors with small batches; the distribution's default is 2 GB. */
    public static final String HEAP = "-Xmx768m";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path kafkaRuntime;
    private final Path dir;
    private final int port;
    private final Map<String, String> config;
    private final String heap;
    private final Map<String, String> environment;
    private JavaProcess process;

    /**
     * @param kafkaRuntime     a directory holding the Kafka distribution's jars (its {@code libs/})
     * @param pluginPath       the worker's {@code plugin.path}: one subdirectory (or archive) per plugin
     * @param dir              this worker's own directory: config and log
     * @param bootstrapServers the Kafka cluster it stores its state in and runs connectors against
     */
    public ConnectWorkerProcess(Path kafkaRuntime, Path pluginPath, Path dir, String bootstrapServers) {
        this(kafkaRuntime, pluginPath, dir, bootstrapServers, HEAP);
    }

    /** As above, with the worker's {@code -Xmx} option (benchmarks give it more than tests do). */
    public ConnectWorkerProcess(Path kafkaRuntime, Path pluginPath, Path dir, String bootstrapServers, String heap) {
        this(kafkaRuntime, pluginPath, dir, bootstrapServers, heap, Map.of());
    }

    /** As above, with worker properties that replace or add to the defaults. */
    public ConnectWorkerProcess(Path kafkaRuntime, Path pluginPath, Path dir, String bootstrapServers, String heap,
                                Map<String, String> overrides) {
        this(kafkaRuntime, pluginPath, dir, bootstrapServers, heap, overrides, Map.of());
    }

    /**
     * As above, with variables added to the worker's environment (what {@code ${env:NAME}} reads when the worker
     * declares Kafka's {@code EnvVarConfigProvider}).
     */
    public ConnectWorkerProcess(Path kafkaRuntime, Path pluginPath, Path dir, String bootstrapServers, String heap,
                                Map<String, String> overrides, Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.heap = heap;
        this.kafkaRuntime = kafkaRuntime.toAbsolutePath();
        this.dir = dir.toAbsolutePath();
        this.port = FreePorts.next();
        Map<String, String> properties = new LinkedHashMap<>(workerProperties(pluginPath.toAbsolutePath(),
                bootstrapServers));
        properties.putAll(overrides);
        this.config = Collections.unmodifiableMap(properties);
    }

    private Map<String, String> workerProperties(Path pluginPath, String bootstrapServers) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", "cqrs-local-stack");
        // The worker's state lives in these topics; one broker means one replica each.
        p.put("config.storage.topic", "connect-configs");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.topic", "connect-offsets");
        p.put("offset.storage.replication.factor", "1");
        p.put("offset.storage.partitions", "5");
        p.put("status.storage.topic", "connect-status");
        p.put("status.storage.replication.factor", "1");
        p.put("status.storage.partitions", "1");
        // The converters of the distribution's connect-distributed.properties; connectors may override them.
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("key.converter.schemas.enable", "true");
        p.put("value.converter.schemas.enable", "true");
        // Source offsets are committed every second (not every 60 s), so tests that restart a task see them.
        p.put("offset.flush.interval.ms", "1000");
        p.put("listeners", "http://127.0.0.1:" + port);
        p.put("rest.advertised.host.name", "127.0.0.1");
        p.put("rest.advertised.port", String.valueOf(port));
        p.put("plugin.path", pluginPath.toString());
        p.put("plugin.discovery", "service_load");
        // Tests override client settings per connector (e.g. consumer.override.auto.offset.reset).
        p.put("connector.client.config.override.policy", "All");
        return Collections.unmodifiableMap(p);
    }

    /** Starts the worker and waits until {@code GET /health} answers 200 and the plugins are listed. */
    public ConnectWorkerProcess start() {
        if (process != null) {
            throw new IllegalStateException("already started: " + process);
        }
        String logging = ProcessLogging.writeConfig(dir);
        Path workerProperties = dir.resolve("worker.properties");
        PropertiesFile.write(workerProperties, "Kafka Connect worker of the local stack (distributed mode)", config);
        process = JavaProcess.start("connect-worker", kafkaRuntime,
                List.of(heap, "-Djava.awt.headless=true", logging),
                "org.apache.kafka.connect.cli.ConnectDistributed",
                List.of(workerProperties.toString()), dir.resolve("worker.log"), environment);
        awaitReady();
        return this;
    }

    private void awaitReady() {
        // Short timeouts while polling: a request stuck on a worker that is still starting must not eat the budget.
        ConnectRestClient probe = new ConnectRestClient(url(), Duration.ofSeconds(5));
        try {
            await("Connect worker at " + url())
                    .atMost(START_TIMEOUT)
                    .pollDelay(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        failIfExited();
                        try {
                            // /health is 200 once the worker has joined its group and read its config topic.
                            return probe.get("/health").status() == 200
                                    && probe.get("/connector-plugins").status() == 200;
                        } catch (UncheckedIOException notListeningYet) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("The Connect worker did not become healthy within "
                    + START_TIMEOUT.toSeconds() + " s (" + url() + "/health, broker " + config.get("bootstrap.servers")
                    + "). Check its log: can it reach the broker, create its internal topics (replication factor 1),"
                    + " join group " + config.get("group.id") + ", load the plugins in " + config.get("plugin.path")
                    + "?\n" + process.describeLog(80), e);
        }
    }

    private void failIfExited() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The Connect worker exited with code " + process.exitCode().orElse(-1)
                    + " while starting. Check its log for a configuration error, a class missing from the Kafka"
                    + " runtime directory, a port taken between choosing and"
                    + " binding (" + port + "), or a plugin in " + config.get("plugin.path") + " that breaks the"
                    + " scan.\n" + process.describeLog(80));
        }
    }

    /** {@code http://127.0.0.1:PORT}: the REST API. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The worker's configuration, as written to {@code worker.properties}. */
    public Map<String, String> config() {
        return config;
    }

    public Path dir() {
        return dir;
    }

    /** The worker process, once started (its log, whether it is alive). */
    public JavaProcess process() {
        if (process == null) {
            throw new IllegalStateException("the worker is not started");
        }
        return process;
    }

    /** SIGTERM (the worker stops its connectors and leaves the group), then SIGKILL after 30 s. Idempotent. */
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** SIGKILL: the worker dies without stopping its tasks, committing offsets or leaving its group. */
    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
