package io.cqrsconnect.rebuild;

import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.readmodel.LogicalNameSwitch;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The store a sink writes its read models to, as a rebuild needs it: which logical names a sink's config writes,
 * and the atomic switch between their generations. Each sink plugin implements it next to its coordinator
 * connector ({@link RebuildCoordinatorConnector}), so the coordinator runs in the plugin's class loader with the
 * sink's own code for names, connections and switches.
 *
 * <p>Implementations need a public no-argument constructor; {@link #open} is called once per coordinator task.
 */
public interface ReadModelStore extends AutoCloseable {

    /** Connects to the store the sink connector with this config writes to. */
    void open(Map<String, String> sinkConfig);

    /**
     * The logical names the sink writes for these topics (one per topic when its name template uses the topic,
     * one for all when it does not).
     *
     * @throws ConnectException when the names depend on what records carry (for
     *                          example the source table of a change event), which a
     *                          rebuild cannot know in advance yet
     */
    List<String> logicalNames(Map<String, String> sinkConfig, List<String> topics);

    /** Points logical names at generations, retires old ones. */
    LogicalNameSwitch names();

    /**
     * Settings the connector that builds the next generation runs with on top of the live connector's (and under
     * the rebuild's own changes), to replay faster: for example an index without refreshes or replicas.
     */
    default Map<String, String> replaySettings(Map<String, String> liveConfig) {
        return Map.of();
    }

    /**
     * Readies a generation the builder has finished for readers, before its logical name switches to it: gives back
     * what {@link #replaySettings} took away. Called again after a restart, so it must be idempotent.
     *
     * @param builderConfig the config the generation was built with
     */
    default void beforeSwitch(ReadModelGeneration built, Map<String, String> builderConfig) throws Exception {
    }

    @Override
    void close();
}
