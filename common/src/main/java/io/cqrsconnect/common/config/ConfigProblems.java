package io.cqrsconnect.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Every problem found in a configuration, each on the key the user has to change. Rules add to it rather than
 * throw, so {@code validate()} reports them all at once (a user fixing one problem per round trip is a user who
 * gives up); {@code start()}, which can fail only once, throws the first.
 */
public final class ConfigProblems {

    private final Map<String, List<String>> byKey = new LinkedHashMap<>();

    /** Records a problem on the key to change; a key may carry several. */
    public ConfigProblems add(String key, String problem) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(problem);
        return this;
    }

    /** Records a {@link ConfigException} thrown while parsing a value, on {@code key}. */
    public ConfigProblems add(String key, ConfigException problem) {
        return add(key, problem.getMessage());
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** The problems by key, in the order they were found. */
    public Map<String, List<String>> byKey() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byKey.forEach((key, problems) -> copy.put(key, List.copyOf(problems)));
        return copy;
    }

    /**
     * Throws the first problem, for a connector or task refusing to start; the value of a {@code PASSWORD} setting
     * is never quoted.
     *
     * @throws ConfigException naming the key, its value and its problem, when there is one
     */
    public void throwFirst(ConfigDef definition, Map<?, ?> originals) {
        byKey.entrySet().stream().findFirst().ifPresent(first -> {
            String key = first.getKey();
            ConfigDef.ConfigKey defined = definition.configKeys().get(key);
            Object value = defined != null && defined.type == ConfigDef.Type.PASSWORD ? "[hidden]"
                    : originals.get(key);
            throw new ConfigException(key, value, first.getValue().get(0));
        });
    }

    /**
     * Adds every problem to a {@code validate()} result, each on its key; a key the result does not list yet (a
     * setting the connector's definition does not have) is added, so no problem is dropped.
     */
    public void addTo(Config result) {
        byKey.forEach((key, problems) -> {
            ConfigValue value = result.configValues().stream().filter(each -> each.name().equals(key)).findFirst()
                    .orElseGet(() -> {
                        ConfigValue added = new ConfigValue(key);
                        result.configValues().add(added);
                        return added;
                    });
            problems.forEach(value::addErrorMessage);
        });
    }

    @Override
    public String toString() {
        return byKey.toString();
    }
}
