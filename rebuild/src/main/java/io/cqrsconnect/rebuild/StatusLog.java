package io.cqrsconnect.rebuild;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The rebuilds' state in Kafka: a compacted topic keyed by the live connector's name, one JSON
 * {@link RebuildStatus} per change, which the coordinator task writes as its source records (Connect's producer
 * delivers them, and commits each as the task's source offset). Every worker's REST extension answers from this
 * topic, so no state lives in one worker's memory; a restarted coordinator reads its last committed status back
 * from its source offset.
 */
public final class StatusLog {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final Map<String, Object> clientProperties;

    /** @param clientProperties Kafka client settings: at least {@code bootstrap.servers} */
    public StatusLog(String topic, Map<String, Object> clientProperties) {
        this.topic = topic;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** Creates the compacted status topic when it does not exist yet. */
    public void ensureTopic() {
        try (Admin admin = Admin.create(properties(Map.of()))) {
            NewTopic created = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(created)).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new RetriableException("could not create the rebuild status topic '" + topic + "': "
                        + e.getCause().getMessage() + ". Create it (compacted) or check rebuild.kafka.*.", e);
            }
        } catch (TimeoutException e) {
            throw new RetriableException("Kafka did not create the rebuild status topic '" + topic + "' in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted", e);
        }
    }

    /**
     * The last status of every connector that was ever rebuilt, read to the end of the topic by a consumer of its
     * own; a reader that asks often keeps a {@link StatusView} instead.
     */
    public Map<String, RebuildStatus> readAll() {
        try (StatusView view = new StatusView(topic, clientProperties)) {
            return view.readAll();
        }
    }

    /** A status from its JSON form (a status record's value, a coordinator's source offset). */
    public static RebuildStatus parse(String json) {
        try {
            return JSON.readValue(json, RebuildStatus.class);
        } catch (JsonProcessingException e) {
            throw new ConnectException("not a rebuild status: " + e.getOriginalMessage(), e);
        }
    }

    /** The last status of one connector's rebuild, if it was ever rebuilt. */
    public Optional<RebuildStatus> read(String connector) {
        return Optional.ofNullable(readAll().get(connector));
    }

    private Properties properties(Map<String, Object> overrides) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.putAll(overrides);
        return properties;
    }

}
