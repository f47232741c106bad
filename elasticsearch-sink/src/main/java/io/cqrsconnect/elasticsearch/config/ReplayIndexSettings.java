package io.cqrsconnect.elasticsearch.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@code read.model.replay.index.settings} parsed: flat index setting names ({@code index.refresh_interval}) to
 * their values, which a generation's index is created with while a rebuild replays history into it.
 */
public final class ReplayIndexSettings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayIndexSettings() {
    }

    /**
     * @throws ConfigException naming {@code key} when the text is not a JSON object of settings
     */
    public static Map<String, Object> parse(String key, String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(key, json, "not JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new ConfigException(key, json, "must be a JSON object of index settings, e.g. "
                    + "{\"index.refresh_interval\": \"-1\", \"index.number_of_replicas\": 0}");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            if (!field.getValue().isValueNode()) {
                throw new ConfigException(key, json, "'" + field.getKey() + "' must have a plain value; write "
                        + "settings by their flat names, e.g. index.refresh_interval");
            }
            settings.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText());
        });
        return Collections.unmodifiableMap(settings);
    }
}
