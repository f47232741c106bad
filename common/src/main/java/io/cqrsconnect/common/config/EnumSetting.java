package io.cqrsconnect.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A setting whose value is one of an enum's constants, spelled as Kafka spells such values: lower case, words joined
 * by {@code _} ({@code KAFKA_OFFSET} is {@code kafka_offset}, like {@code read_committed}). Gives the validator and
 * recommender for its {@link ConfigDef} entry and parses its value, so every connector spells and checks choices
 * the same way.
 */
public final class EnumSetting {

    private EnumSetting() {
    }

    /** How a constant is spelled in a configuration. */
    public static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** Every spelling of an enum, in declaration order. */
    public static <E extends Enum<E>> List<String> spellings(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(spelling(constant));
        }
        return names;
    }

    /**
     * A validator accepting exactly the spellings of the enum, in any case; the reference docs list them in
     * declaration order (Kafka's own case-insensitive validator lists them upper-cased, in no order).
     */
    public static <E extends Enum<E>> ConfigDef.Validator validator(Class<E> type) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                parse(type, name, value == null ? null : value.toString());
            }

            @Override
            public String toString() {
                return String.join(", ", spellings(type));
            }
        };
    }

    /** A recommender offering the spellings of the enum (what the REST validate answer lists as valid values). */
    public static <E extends Enum<E>> ConfigDef.Recommender recommender(Class<E> type) {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return new ArrayList<>(spellings(type));
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }

    /**
     * The constant a configured value names, in any case.
     *
     * @throws ConfigException on {@code configKey} when the value names none
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String configKey, String value) {
        String wanted = value == null ? "" : value.trim();
        for (E constant : type.getEnumConstants()) {
            if (spelling(constant).equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new ConfigException(configKey, value, "must be one of " + spellings(type));
    }
}
