package io.cqrsconnect.elasticsearch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A setting whose value is one of an enum's constants, spelled in lower case with dots ({@code KAFKA_OFFSET} is
 * {@code kafka.offset}): the validator and recommender for its {@link ConfigDef} entry, and the parser for its
 * value.
 */
public interface ConfigChoice {

    /** How the constant is spelled in a configuration. */
    static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Every spelling of an enum, in declaration order. */
    static <E extends Enum<E>> List<String> spellings(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(spelling(constant));
        }
        return names;
    }

    /** A validator accepting exactly the spellings of the enum (case-insensitively). */
    static <E extends Enum<E>> ConfigDef.Validator validator(Class<E> type) {
        return ConfigDef.CaseInsensitiveValidString.in(spellings(type).toArray(String[]::new));
    }

    /** A recommender offering the spellings of the enum. */
    static <E extends Enum<E>> ConfigDef.Recommender recommender(Class<E> type) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, java.util.Map<String, Object> parsedConfig) {
                return new ArrayList<>(spellings(type));
            }

            @Override
            public boolean visible(String name, java.util.Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }

    /** The constant a configured value names. */
    static <E extends Enum<E>> E parse(Class<E> type, String configKey, String value) {
        for (E constant : type.getEnumConstants()) {
            if (spelling(constant).equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new ConfigException(configKey, value, "must be one of " + spellings(type));
    }
}
