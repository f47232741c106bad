package io.cqrsconnect.rebuild.extension;

import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.common.plugin.PluginVersion;
import io.cqrsconnect.rebuild.StatusLog;
import io.cqrsconnect.rebuild.StatusView;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds {@code /read-models} to every worker that lists it in {@code rest.extension.classes}: list read models, show
 * one with its rebuild's progress, start and cancel a rebuild. Requests are not forwarded between workers, so each
 * worker answers from what is shared: the cluster's connectors and the rebuild status topic in Kafka. Changes go
 * through the worker's own REST API, which forwards them to the leader.
 *
 * <p>Worker settings it reads: {@code bootstrap.servers} and the worker's Kafka client security settings (for the
 * status topic), and optionally {@code cqrs.rebuild.connect.url}, {@code cqrs.rebuild.connect.user},
 * {@code cqrs.rebuild.connect.password} and {@code cqrs.rebuild.status.topic}.
 */
public class ReadModelsRestExtension implements ConnectRestExtension {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelsRestExtension.class);

    private final Map<String, Object> workerConfig = new HashMap<>();
    private StatusView statuses;

    @Override
    public void configure(Map<String, ?> configs) {
        workerConfig.putAll(configs);
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        ExtensionSettings settings = ExtensionSettings.from(workerConfig);
        try {
            // so that reading it never waits for a topic that does not exist
            new StatusLog(settings.statusTopic(), settings.kafkaClient()).ensureTopic();
        } catch (RuntimeException e) {
            LOG.warn("Could not create the rebuild status topic '{}' yet ({}); the first rebuild creates it",
                    settings.statusTopic(), e.getMessage());
        }
        statuses = new StatusView(settings.statusTopic(), settings.kafkaClient());
        context.configurable().register(new ReadModelsResource(context.clusterState(), settings, statuses));
    }

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void close() {
        if (statuses != null) {
            statuses.close();
        }
    }
}
