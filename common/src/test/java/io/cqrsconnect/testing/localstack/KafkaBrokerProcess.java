package io.cqrsconnect.testing.localstack;

import static org.awaitility.Awaitility.await;

import io.cqrsconnect.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One real Kafka broker process in KRaft combined mode ({@code process.roles=broker,controller}), started from the
 * jars of a Kafka distribution exactly as {@code bin/kafka-server-start.sh} would: {@code java -cp 'libs/*'
 * kafka.Kafka server.properties}, after formatting its storage with {@code kafka.tools.StorageTool format}.
 *
 * <p>A single node is a complete cluster only if everything Kafka replicates internally is configured for one
 * replica (offsets, transactions, share-group state); otherwise the first consumer group or transactional producer
 * waits forever for replicas that do not exist. Ports are chosen free at start; data lives in the work directory.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    /** A broker of a test stack needs little heap; the distribution's default (1 GB) is for real loads. */
    public static final String HEAP = "-Xmx512m";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path kafkaRuntime;
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> config;
    private JavaProcess process;

    /**
     * @param kafkaRuntime a directory holding the Kafka distribution's jars (its {@code libs/})
     * @param dir          this broker's own directory: config, log, data
     */
    public KafkaBrokerProcess(Path kafkaRuntime, Path dir) {
        this(kafkaRuntime, dir, Map.of());
    }

    /** As above, with broker properties that replace or add to the defaults. */
    public KafkaBrokerProcess(Path kafkaRuntime, Path dir, Map<String, String> overrides) {
        this.kafkaRuntime = kafkaRuntime.toAbsolutePath();
        this.dir = dir.toAbsolutePath();
        this.port = FreePorts.next();
        this.controllerPort = FreePorts.next();
        Map<String, String> properties = new LinkedHashMap<>(serverProperties());
        properties.putAll(overrides);
        this.config = Collections.unmodifiableMap(properties);
    }

    private Map<String, String> serverProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // A static quorum of this one node: storage is formatted without --standalone/--initial-controllers.
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", "1");
        // One broker: every internal topic gets one replica, or it is never created and its users hang.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions to create on first use (50 each by default); one broker gains nothing from them.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "5");
        // Consumer groups (the Connect worker's included) form at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        return Collections.unmodifiableMap(p);
    }

    /** Formats the storage, starts the broker and waits until an AdminClient sees it in the cluster. */
    public KafkaBrokerProcess start() {
        if (process != null) {
            throw new IllegalStateException("already started: " + process);
        }
        String logging = ProcessLogging.writeConfig(dir);
        Path serverProperties = dir.resolve("server.properties");
        PropertiesFile.write(serverProperties, "Kafka broker of the local stack (KRaft combined mode)", config);

        // Same as `kafka-storage.sh random-uuid` (which only prints Uuid.randomUuid()), without a JVM start for it.
        String clusterId = Uuid.randomUuid().toString();
        JavaProcess.run("kafka-storage-format", kafkaRuntime, List.of("-Xmx256m", logging),
                "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", clusterId, "--config", serverProperties.toString()),
                dir.resolve("storage-format.log"), Duration.ofSeconds(60));

        process = JavaProcess.start("kafka-broker", kafkaRuntime,
                List.of(HEAP, "-Djava.awt.headless=true", logging), "kafka.Kafka",
                List.of(serverProperties.toString()), dir.resolve("broker.log"));
        awaitReady();
        return this;
    }

    private void awaitReady() {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        // Created only once the port accepts: an AdminClient fetches metadata as soon as it exists, and would log a
        // warning per attempt while the broker is still starting.
        AtomicReference<Admin> admin = new AtomicReference<>();
        try {
            await("Kafka broker at " + bootstrapServers())
                    .atMost(START_TIMEOUT)
                    .pollDelay(Duration.ofMillis(200))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        failIfExited();
                        if (admin.get() == null) {
                            if (!portAccepts()) {
                                return false;
                            }
                            admin.set(Admin.create(adminConfig));
                        }
                        return clusterHasThisBroker(admin.get());
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("The Kafka broker did not become ready within " + START_TIMEOUT.toSeconds()
                    + " s (bootstrap " + bootstrapServers() + ", controller port " + controllerPort + "). Check its log"
                    + " for a port conflict, a storage or configuration error, or an OutOfMemoryError (" + HEAP
                    + ").\n" + process.describeLog(60), e);
        } finally {
            if (admin.get() != null) {
                admin.get().close(Duration.ofSeconds(5));
            }
        }
    }

    private void failIfExited() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The Kafka broker exited with code " + process.exitCode().orElse(-1)
                    + " while starting. Check its log for a port taken between choosing and binding (" + port + ", "
                    + controllerPort + "), a configuration error, a class missing from the Kafka runtime directory, or a Java version it does not support.\n"
                    + process.describeLog(60));
        }
    }

    private boolean portAccepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static boolean clusterHasThisBroker(Admin admin) throws InterruptedException {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        }
    }

    /** {@code 127.0.0.1:PORT}, for clients and the Connect worker. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's configuration, as written to {@code server.properties}. */
    public Map<String, String> config() {
        return config;
    }

    public Path dir() {
        return dir;
    }

    /** The broker process, once started (its log, whether it is alive). */
    public JavaProcess process() {
        if (process == null) {
            throw new IllegalStateException("the broker is not started");
        }
        return process;
    }

    /** SIGTERM, then SIGKILL after {@link JavaProcess#STOP_GRACE}. Idempotent. */
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
