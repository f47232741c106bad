package io.cqrsconnect.elasticsearch.rebuild;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.common.readmodel.LogicalNameSwitch;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.common.record.RecordCoordinates;
import io.cqrsconnect.elasticsearch.client.ElasticsearchClients;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import io.cqrsconnect.elasticsearch.config.FlatSettingNames;
import io.cqrsconnect.elasticsearch.config.IndexNameRules;
import io.cqrsconnect.elasticsearch.config.IndexSettings;
import io.cqrsconnect.elasticsearch.readmodel.ElasticsearchAliasSwitch;
import io.cqrsconnect.rebuild.ReadModelStore;
import org.apache.kafka.connect.errors.ConnectException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The Elasticsearch sink's read models for a rebuild: an alias per index the sink's {@code index.name.format}
 * names, swapped in one {@code _aliases} call ({@link ElasticsearchAliasSwitch}). The next generation is built
 * without refreshes or replicas unless the rebuild says otherwise, gets the serving generation's values back once it
 * has caught up, and one refresh right before readers switch to it.
 */
public final class ElasticsearchReadModelStore implements ReadModelStore {

    /** What a replay turns off unless the live config or the rebuild sets its own. */
    static final String DEFAULT_REPLAY_SETTINGS = "{\"index.refresh_interval\": \"-1\", "
            + "\"index.number_of_replicas\": \"0\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ElasticsearchSinkConnectorConfig config;
    private RestClient client;
    private ElasticsearchAliasSwitch aliases;

    @Override
    public void open(Map<String, String> sinkConfig) {
        config = new ElasticsearchSinkConnectorConfig(sinkConfig);
        client = ElasticsearchClients.restClient(config);
        aliases = new ElasticsearchAliasSwitch(client);
    }

    /** The alias of each topic's index, derived as the sink derives it: the format rendered and made valid. */
    @Override
    public List<String> logicalNames(Map<String, String> sinkConfig, List<String> topics) {
        Set<String> names = new LinkedHashSet<>();
        for (String topic : topics) {
            ChangeEvent topicOnly = new ChangeEvent(new RecordCoordinates(topic, 0, 0), Operation.DELETE, null, null,
                    null, null, true, null);
            String rendered;
            try {
                rendered = config.indexNameTemplate().render(topicOnly);
            } catch (BadRecordException needsARecord) {
                throw new ConnectException("index.name.format '" + config.indexNameTemplate() + "' names indices "
                        + "after what each record carries, which a rebuild cannot know before it reads them; "
                        + "rebuilds support formats built from ${topic} and literals for now");
            }
            // without generations the index itself (an in-place rebuild): no suffix to leave room for
            names.add(IndexNameRules.sanitize(rendered, config.readModelGeneration() == 0 ? 0
                    : ReadModelGeneration.MAX_SUFFIX_LENGTH).name());
        }
        return List.copyOf(names);
    }

    @Override
    public LogicalNameSwitch names() {
        return aliases;
    }

    @Override
    public Map<String, String> replaySettings(Map<String, String> liveConfig) {
        String configured = liveConfig.getOrDefault(IndexSettings.READ_MODEL_REPLAY_SETTINGS_CONFIG, "");
        return Map.of(IndexSettings.READ_MODEL_REPLAY_SETTINGS_CONFIG,
                configured.isBlank() ? DEFAULT_REPLAY_SETTINGS : configured);
    }

    /**
     * Gives each replay setting the value the index will serve with: what the rebuild's index definition sets, else
     * what the serving generation has, else Elasticsearch's default. Before the handoff: replicas then recover while
     * the serving generation still serves.
     */
    @Override
    public void beforeHandoff(ReadModelGeneration built, Map<String, String> builderConfig) throws IOException {
        ElasticsearchSinkConnectorConfig builder = new ElasticsearchSinkConnectorConfig(builderConfig);
        Optional<ReadModelGeneration> serving = aliases.current(built.logicalName());
        Map<String, Object> restored = new LinkedHashMap<>();
        for (String setting : builder.replayIndexSettings().keySet()) {
            Object value = null;
            if (builder.customIndexDefinition() != null && builder.customIndexDefinition().setsSetting(setting)) {
                value = FlatSettingNames.values(builder.customIndexDefinition().settings()).get(setting);
            } else if (serving.isPresent()) {
                value = servingValue(serving.get().physicalName(), setting);
            }
            restored.put(setting, value);
        }
        if (!restored.isEmpty()) {
            Request put = new Request("PUT", "/" + built.physicalName() + "/_settings");
            put.setJsonEntity(JSON.writeValueAsString(restored));
            client.performRequest(put);
        }
    }

    /** Refreshes, so readers see every document from the first query, the last ones the builder wrote included. */
    @Override
    public void beforeSwitch(ReadModelGeneration built, Map<String, String> builderConfig) throws IOException {
        client.performRequest(new Request("POST", "/" + built.physicalName() + "/_refresh"));
    }

    /** A setting the serving index has explicitly, or null (Elasticsearch's default). */
    private Object servingValue(String index, String setting) throws IOException {
        Request get = new Request("GET", "/" + index + "/_settings/" + setting);
        get.addParameter("flat_settings", "true");
        JsonNode answer = JSON.readTree(client.performRequest(get).getEntity().getContent());
        JsonNode value = answer.path(index).path("settings").path(setting);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /**
     * Deletes the index (or the data stream) so that the sink creates it again from its config on the next document:
     * a rebuild in place that changes the mapping or the index settings gets them. An alias of a model written
     * without generations is the user's own, and is refused: the indices behind it are not ours to delete.
     */
    @Override
    public void clear(String physicalName) throws IOException {
        JsonNode resolved;
        try {
            resolved = JSON.readTree(client.performRequest(new Request("GET", "/_resolve/index/" + physicalName))
                    .getEntity().getContent());
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return; // nothing of that name: nothing to clear
            }
            throw e;
        }
        if (!resolved.path("aliases").isEmpty()) {
            throw new ConnectException("'" + physicalName + "' is an alias; a rebuild in place deletes the index "
                    + "the connector writes, and this one's indices are not the connector's: delete them yourself, "
                    + "or give the connector read.model.generation=1 and a new index name");
        }
        if (!resolved.path("data_streams").isEmpty()) {
            client.performRequest(new Request("DELETE", "/_data_stream/" + physicalName));
        } else if (!resolved.path("indices").isEmpty()) {
            client.performRequest(new Request("DELETE", "/" + physicalName));
        }
    }

    @Override
    public void close() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                throw new ConnectException("could not close the Elasticsearch client", e);
            }
        }
    }
}
