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
     * Readies a generation that has caught up for readers, before the handoff begins (the live connector still
     * writes the serving one, so slow work here costs readers nothing): gives back what {@link #replaySettings} took
     * away. The builder goes on writing it until the switch. Called again after a restart, so it must be idempotent.
     *
     * @param builderConfig the config the generation is built with
     */
    default void beforeHandoff(ReadModelGeneration built, Map<String, String> builderConfig) throws Exception {
    }

    /**
     * The last step before a logical name switches to a generation the builder has finished, while live writes are
     * paused, so keep it short: for example a refresh, so that readers see every document from the first query.
     * Called again after a restart, so it must be idempotent.
     *
     * @param builderConfig the config the generation was built with
     */
    default void beforeSwitch(ReadModelGeneration built, Map<String, String> builderConfig) throws Exception {
    }

    /**
     * Empties a table or index the live connector writes, for a rebuild in place: the connector is stopped, and
     * resumes from the earliest offsets afterwards. Readers see the model empty from here on, refilling as the
     * replay goes. Does nothing when it does not exist; called again after a restart, so it must be idempotent.
     *
     * @param physicalName the serving generation's table or index ({@code orders__g2}), or the name itself for a
     *                     model written without generations
     */
    void clear(String physicalName) throws Exception;

    @Override
    void close();
}
