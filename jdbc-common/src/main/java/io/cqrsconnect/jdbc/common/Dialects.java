package io.cqrsconnect.jdbc.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import org.apache.kafka.common.config.ConfigException;

/**
 * Finds dialects with {@link ServiceLoader}: by name when the user names one, else the provider that scores the
 * JDBC URL highest (the generic dialect takes what no other claims).
 */
public final class Dialects {

    private Dialects() {
    }

    /** Every provider visible to this class's loader (the plugin's own loader inside a Connect worker). */
    public static List<DialectProvider> providers() {
        List<DialectProvider> providers = new ArrayList<>();
        ServiceLoader.load(DialectProvider.class, Dialects.class.getClassLoader()).forEach(providers::add);
        return providers;
    }

    /** The names of all dialects, for a recommender. */
    public static List<String> names() {
        return providers().stream().map(DialectProvider::name).sorted().toList();
    }

    /**
     * The dialect for a connection, with the capability the caller needs.
     *
     * @param jdbcUrl the connection URL
     * @param name the dialect the user asked for, or null/blank to choose by URL
     * @param configKey the setting {@code name} came from, for the error message
     * @param capability the dialect interface the caller needs, e.g. {@code SinkDialect.class}
     * @throws ConfigException when the named dialect does not exist or lacks the capability, or no dialect takes
     *                         the URL
     */
    public static <T extends JdbcDialect> T find(String jdbcUrl, String name, String configKey, Class<T> capability) {
        List<DialectProvider> providers = providers();
        if (name != null && !name.isBlank()) {
            JdbcDialect named = providers.stream()
                    .filter(provider -> provider.name().equalsIgnoreCase(name.trim())).findFirst()
                    .map(DialectProvider::create)
                    .orElseThrow(() -> new ConfigException(configKey, name, "no such dialect; known dialects: "
                            + providers.stream().map(DialectProvider::name).sorted().toList()));
            if (!capability.isInstance(named)) {
                throw new ConfigException(configKey, name, "the dialect " + named.name() + " cannot serve as a "
                        + capability.getSimpleName());
            }
            return capability.cast(named);
        }
        return providers.stream()
                .filter(provider -> provider.score(jdbcUrl) > DialectProvider.NOT_SUPPORTED)
                .sorted(Comparator.comparingInt((DialectProvider provider) -> provider.score(jdbcUrl)).reversed())
                .map(DialectProvider::create)
                .filter(capability::isInstance)
                .map(capability::cast)
                .findFirst()
                .orElseThrow(() -> new ConfigException(configKey, name, "no " + capability.getSimpleName()
                        + " for the URL " + jdbcUrl));
    }
}
