package io.cqrsconnect.rebuild;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.plugin.PluginVersion;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * A rebuild's coordinator, as a connector so that Connect places it on one worker, restarts it when it fails and
 * moves it when that worker dies: exactly one task drives a rebuild, wherever it runs, and its progress lives in
 * Kafka ({@link StatusLog}). It writes no records of its own.
 *
 * <p>Each sink plugin extends it with the store its read models live in, so the coordinator runs in that plugin's
 * class loader. The REST extension and the CLI create it as {@code <connector>-rebuild}, read its status and
 * cancel it; they never drive the rebuild themselves.
 */
public abstract class RebuildCoordinatorConnector extends SourceConnector {

    private Map<String, String> props;

    /** The store this plugin's read models live in; needs a public no-argument constructor. */
    protected abstract Class<? extends ReadModelStore> storeClass();

    /** The sink connector class whose read models this coordinator rebuilds. */
    protected abstract String sinkConnectorClass();

    @Override
    public void start(Map<String, String> props) {
        new RebuildConfig(props); // fail the connector, not its task, on a bad config
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RebuildCoordinatorTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Map<String, String> task = new HashMap<>(props);
        task.put(RebuildConfig.STORE_CLASS_CONFIG, storeClass().getName());
        task.put(RebuildCoordinatorTask.SINK_CLASS_CONFIG, sinkConnectorClass());
        return List.of(task); // one driver per rebuild, whatever tasks.max says
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return RebuildConfig.DEFINITION;
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }
}
