package io.cqrsconnect.common.config;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

/**
 * What {@code validate()} needs to go on past the first invalid value: the keys whose values Kafka's per-key
 * validation refused, and a definition that lets a connector's typed configuration be built anyway, so that its
 * value parsing and {@link ConfigRules} still find every other problem. In that definition each invalid key has no
 * validator and stands at its default (null for a required key); the rules that read such a key are skipped.
 *
 * @param definition  the connector's definition, with the invalid keys relaxed as above
 * @param originals   the configuration as given
 * @param invalidKeys the keys the per-key validation found an error on
 */
public record PartiallyValidConfig(ConfigDef definition, Map<String, String> originals, Set<String> invalidKeys) {

    public PartiallyValidConfig {
        originals = Map.copyOf(originals);
        invalidKeys = Set.copyOf(invalidKeys);
    }

    /**
     * @param definition the connector's definition
     * @param validated  what Kafka's per-key validation answered ({@code Connector.validate}'s default)
     */
    public static PartiallyValidConfig of(ConfigDef definition, Map<String, String> originals, Config validated) {
        Set<String> invalid = new LinkedHashSet<>();
        for (ConfigValue value : validated.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                invalid.add(value.name());
            }
        }
        ConfigDef relaxed = new ConfigDef();
        for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
            if (!invalid.contains(key.name)) {
                relaxed.define(key);
                continue;
            }
            Object standIn = key.hasDefault() ? key.defaultValue : null;
            relaxed.define(new ConfigDef.ConfigKey(key.name, key.type, standIn, null, key.importance,
                    key.documentation, key.group, key.orderInGroup, key.width, key.displayName, key.dependents,
                    key.recommender, key.internalConfig));
        }
        return new PartiallyValidConfig(relaxed, originals, invalid);
    }

    /** The configuration without its invalid values, for the relaxed {@link #definition()}. */
    public Map<String, String> validOriginals() {
        Map<String, String> valid = new HashMap<>(originals);
        valid.keySet().removeAll(invalidKeys);
        return valid;
    }

    /** Whether every value passed its own key's validation. */
    public boolean allValid() {
        return invalidKeys.isEmpty();
    }
}
