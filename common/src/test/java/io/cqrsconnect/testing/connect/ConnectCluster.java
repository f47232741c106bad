package io.cqrsconnect.testing.connect;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker (KRaft) and a real distributed Connect cluster of one or more workers, all inside the test JVM:
 * Kafka's own {@link EmbeddedConnectCluster}, started once per test class.
 *
 * <p>This is the integration-test layer: connectors run on the test classpath (the worker discovers them with
 * {@code plugin.discovery=hybrid_fail}, so a plugin without its {@code META-INF/services} entry fails here too).
 * Plugin isolation as users get it is the local stack's job ({@code io.cqrsconnect.testing.localstack}).
 *
 * <p>Topics are not auto-created by the embedded broker: create them with {@code kafka().createTopic(...)}, and give
 * source connectors {@code topic.creation.default.*} settings.
 */
public final class ConnectCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final int workers;
    private final Map<String, String> workerProps = new HashMap<>();
    private final Properties brokerProps = new Properties();
    private EmbeddedConnectCluster cluster;

    /** A cluster of {@code workers} Connect workers on one broker. */
    public ConnectCluster(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a Connect cluster needs at least one worker, got " + workers);
        }
        this.workers = workers;
        // Short offset flushes keep tests that wait for committed offsets quick.
        workerProps.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "1000");
        brokerProps.put("auto.create.topics.enable", "false");
    }

    /** One worker on one broker: what most integration tests need. */
    public ConnectCluster() {
        this(1);
    }

    /** Adds or overrides a worker property, before the cluster starts. */
    public ConnectCluster withWorkerProperty(String name, String value) {
        workerProps.put(name, value);
        return this;
    }

    /** Adds or overrides a broker property, before the cluster starts. */
    public ConnectCluster withBrokerProperty(String name, String value) {
        brokerProps.put(name, value);
        return this;
    }

    /** Starts the broker and the workers and waits until every worker answers on its REST port. */
    public ConnectCluster start(String name) {
        EmbeddedConnectCluster.Builder builder = new EmbeddedConnectCluster.Builder().name(name).numWorkers(workers);
        builder.numBrokers(1);
        builder.workerProps(workerProps);
        builder.brokerProps(brokerProps);
        cluster = builder.build();
        cluster.start();
        try {
            cluster.assertions().assertAtLeastNumWorkersAreUp(workers, "Connect workers did not start in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Connect workers", e);
        }
        return this;
    }

    /** The running cluster: REST calls, connector lifecycle, assertions. */
    public EmbeddedConnectCluster connect() {
        if (cluster == null) {
            throw new IllegalStateException("Connect cluster not started: register the extension with "
                    + "@RegisterExtension or call start() first");
        }
        return cluster;
    }

    /** The broker: topics, produce, consume. */
    public EmbeddedKafkaCluster kafka() {
        return connect().kafka();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.stop();
            cluster = null;
        }
    }
}
