package io.cqrsconnect.elasticsearch.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The index definition a user gives in {@code mapping.custom.json}, which the sink creates each target index with:
 * either the {@code mappings} object of Elasticsearch's create-index API, or a whole create-index body with
 * {@code mappings} and {@code settings} (a mapping that names a custom analyzer needs the settings that define it).
 * Parsed and checked when the configuration is read, so a typo fails the connector's validation, naming the key,
 * instead of the first write; Elasticsearch still judges the mapping's contents when it creates an index.
 *
 * @param mappings the mappings, possibly empty (a body that gives only settings)
 * @param settings the index settings as given (nested or flat), possibly empty
 */
public record CustomIndexDefinition(Map<String, Object> mappings, Map<String, Object> settings) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> BODY_KEYS = Set.of("mappings", "settings");
    /** Root mapping parameters whose value is an object of fields, or of anything: not a misplaced field. */
    private static final Set<String> ROOT_OBJECTS = Set.of("properties", "runtime", "dynamic_templates");
    private static final int SHOWN_CHARS = 60;

    public CustomIndexDefinition {
        mappings = Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** True when the given settings set the setting of this flat name (e.g. {@code index.gc_deletes}). */
    public boolean setsSetting(String flatName) {
        return FlatSettingNames.of(settings).contains(flatName);
    }

    /**
     * Reads the definition.
     *
     * @throws ConfigException naming {@code key} when the text is not JSON or not an index definition
     */
    static CustomIndexDefinition parse(String key, String json) {
        Map<String, Object> root;
        try {
            root = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw invalid(key, json, "is not a JSON object: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")") + ". " + shape());
        }
        if (root == null || root.isEmpty()) {
            throw invalid(key, json, "gives no mappings and no settings. " + shape());
        }
        boolean body = root.keySet().stream().anyMatch(BODY_KEYS::contains);
        if (!body) {
            checkMappings(key, json, root);
            return new CustomIndexDefinition(root, Map.of());
        }
        for (String name : root.keySet()) {
            if (!BODY_KEYS.contains(name)) {
                throw invalid(key, json, "has '" + name + "' next to 'mappings'/'settings': a create-index body "
                        + "here may hold only mappings and settings");
            }
        }
        Map<String, Object> mappings = object(key, json, root.get("mappings"), "'mappings'");
        Map<String, Object> settings = object(key, json, root.get("settings"), "'settings'");
        checkMappings(key, json, mappings);
        return new CustomIndexDefinition(mappings, settings);
    }

    private static void checkMappings(String key, String json, Map<String, Object> mappings) {
        for (Map.Entry<String, Object> entry : mappings.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith("_") && !ROOT_OBJECTS.contains(name) && entry.getValue() instanceof Map<?, ?> value
                    && value.containsKey("type")) {
                throw invalid(key, json, "maps the field '" + name + "' at the top level of the mappings: fields "
                        + "go under \"properties\", e.g. {\"properties\": {\"" + name + "\": {\"type\": ...}}}");
            }
        }
        Map<String, Object> properties = object(key, json, mappings.get("properties"), "'properties'");
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (!(property.getValue() instanceof Map<?, ?>)) {
                throw invalid(key, json, "maps the field '" + property.getKey() + "' to " + property.getValue()
                        + ", not to an object such as {\"type\": \"keyword\"}");
            }
        }
    }

    /** The value as an object; an absent value is an empty one. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String key, String json, Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw invalid(key, json, what + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static String shape() {
        return "Give the mappings ({\"properties\": {\"status\": {\"type\": \"keyword\"}}}) or a create-index body "
                + "({\"settings\": {...}, \"mappings\": {...}})";
    }

    private static ConfigException invalid(String key, String json, String problem) {
        String shown = json.length() <= SHOWN_CHARS ? json : json.substring(0, SHOWN_CHARS) + "...";
        return new ConfigException(key, shown.replaceAll("\\s+", " "), problem);
    }

    /** Accepts an empty value (no definition) or a definition {@link #parse} reads. */
    static ConfigDef.Validator validator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null && !String.valueOf(value).isBlank()) {
                    parse(name, String.valueOf(value));
                }
            }

            @Override
            public String toString() {
                return "empty, or a JSON object: mappings, or {\"mappings\": ..., \"settings\": ...}";
            }
        };
    }
}
