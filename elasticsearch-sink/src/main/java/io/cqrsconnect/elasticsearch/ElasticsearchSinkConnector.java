package io.cqrsconnect.elasticsearch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.PartiallyValidConfig;
import io.cqrsconnect.common.plugin.PluginVersion;
import io.cqrsconnect.elasticsearch.client.ClusterProbe;
import io.cqrsconnect.elasticsearch.client.ElasticsearchClients;
import io.cqrsconnect.elasticsearch.config.BulkSettings;
import io.cqrsconnect.elasticsearch.config.ConnectionSettings;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import io.cqrsconnect.elasticsearch.config.WriteSettings;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Materializes change events from Kafka topics into Elasticsearch indices, with the official client. Each task
 * writes the partitions it is given; {@link #validate} checks the configuration offline first, then whether the
 * cluster answers, accepts the credentials and runs a supported version, and whether an existing target index
 * forgets deletes sooner than {@code index.gc.deletes}, reporting each problem on the setting the user has to
 * change.
 */
public class ElasticsearchSinkConnector extends SinkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkConnector.class);
    /** The client speaks to 8.x natively and to 9.x through compatibility headers. */
    private static final int OLDEST_MAJOR = 8;
    private static final int NEWEST_MAJOR = 9;

    private Map<String, String> props;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        // fail the connector, not its tasks, when the configuration is wrong
        new ElasticsearchSinkConnectorConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ElasticsearchSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        // The connector's keys, unchanged, plus settings that hold no secret: Connect puts a config provider's
        // placeholder (${file:...}) back only under the keys the connector config has, so a secret copied under
        // another key would be stored resolved and shown by GET /connectors/{name}/tasks (ConfigProviderSecretsIT).
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new HashMap<>(props);
            if (maxTasks > 1) {
                // Several tasks share the cluster's write threads: one request in flight each unless set
                // (batch.max.in.flight.requests says why).
                config.putIfAbsent(BulkSettings.BATCH_MAX_IN_FLIGHT_CONFIG,
                        Integer.toString(BulkSettings.BATCH_MAX_IN_FLIGHT_PER_TASK_OF_MANY));
            }
            configs.add(config);
        }
        return configs;
    }

    @Override
    public void stop() {
        // tasks own the clients; nothing to release here
    }

    /**
     * The sink keeps no offsets of its own (the index holds versions, not positions): the offsets Connect sets through
     * {@code PATCH} or {@code DELETE /connectors/{name}/offsets} are all there is, so the change is acknowledged as
     * complete.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        return true;
    }

    @Override
    public ConfigDef config() {
        return ElasticsearchSinkConnectorConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        PartiallyValidConfig partial = PartiallyValidConfig.of(config(), connectorConfigs, result);
        ConfigProblems problems = ElasticsearchSinkConnectorConfig.problemsOf(partial);
        problems.addTo(result);
        // The cluster is asked only about a configuration without offline problems: a wrong URL, credential or TLS
        // setting would only add a second, vaguer message about the same key, and each probe can take the whole
        // connection and read timeouts.
        if (partial.allValid() && problems.isEmpty()) {
            probeCluster(new ElasticsearchSinkConnectorConfig(connectorConfigs), connectorConfigs).addTo(result);
        }
        return result;
    }

    /** The cluster's answers to a configuration, each problem on the key to change. */
    private static ConfigProblems probeCluster(ElasticsearchSinkConnectorConfig config, Map<String, String> props) {
        ConfigProblems problems = new ConfigProblems();
        RestClient restClient;
        try {
            restClient = ElasticsearchClients.restClient(config);
        } catch (ConfigException e) {
            return problems.add(keyOf(e), e.getMessage());
        }
        try (restClient) {
            ClusterProbe.Outcome outcome = ClusterProbe.probe(restClient);
            if (outcome instanceof ClusterProbe.Unreachable unreachable) {
                problems.add(ConnectionSettings.CONNECTION_URL_CONFIG, "Elasticsearch at "
                        + config.urls() + " cannot be reached: " + unreachable.reason());
            } else if (outcome instanceof ClusterProbe.TlsRefused refused) {
                problems.add(refused.refusal().configKey(config), refused.refusal().message(config));
            } else if (outcome instanceof ClusterProbe.Unauthorized unauthorized) {
                String key = config.apiKey() != null ? ConnectionSettings.CONNECTION_API_KEY_CONFIG
                        : config.username().isEmpty() ? ConnectionSettings.CONNECTION_USER_CONFIG
                        : ConnectionSettings.CONNECTION_PASSWORD_CONFIG;
                String message = "Elasticsearch refused the credentials (" + unauthorized.reason() + ")";
                if (config.apiKey() != null) {
                    message += "; the API key in " + key + " is unknown to the cluster, invalidated or expired:"
                            + " create a new one (POST /_security/api_key) and set its 'encoded' value";
                } else if (config.username().isEmpty()) {
                    message += "; the cluster needs a user or an API key";
                }
                problems.add(key, message);
            } else if (outcome instanceof ClusterProbe.Reachable reachable) {
                int major = reachable.major();
                if (major >= 0 && (major < OLDEST_MAJOR || major > NEWEST_MAJOR)) {
                    problems.add(ConnectionSettings.CONNECTION_URL_CONFIG, "Elasticsearch "
                            + reachable.version() + " is not supported; this connector writes to " + OLDEST_MAJOR
                            + ".x and " + NEWEST_MAJOR + ".x");
                } else {
                    LOG.info("Elasticsearch at {} answers, version {}", config.urls(),
                            reachable.version() == null ? "unknown (the user may not read it)" : reachable.version());
                    DeletedVersionsWindowValidation.problems(config, props, restClient).forEach(problem ->
                            problems.add(WriteSettings.INDEX_GC_DELETES_CONFIG, problem));
                }
            }
        } catch (IOException e) {
            LOG.debug("closing the validation client failed", e);
        }
        return problems;
    }

    private static String keyOf(ConfigException e) {
        // ConfigException's message starts with "Invalid value X for configuration KEY: ..." when it names a key
        String message = String.valueOf(e.getMessage());
        for (String name : ElasticsearchSinkConnectorConfig.CONFIG_DEF.names()) {
            if (message.contains("configuration " + name + ":") || message.contains("configuration " + name + " ")) {
                return name;
            }
        }
        return ConnectionSettings.CONNECTION_URL_CONFIG;
    }
}
