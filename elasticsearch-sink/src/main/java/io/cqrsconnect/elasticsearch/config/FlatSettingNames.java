package io.cqrsconnect.elasticsearch.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names index settings have once Elasticsearch has read them: nested objects flattened with dots
 * ({@code {"index": {"gc_deletes": "1h"}}} is {@code index.gc_deletes}) and the {@code index.} prefix added where it
 * was left out ({@code number_of_shards} is {@code index.number_of_shards}). Lets the sink tell whether a user's
 * settings (or an index template's) already set one of the settings it would add, whichever way they were written.
 */
public final class FlatSettingNames {

    private FlatSettingNames() {
    }

    /** Every setting the (possibly nested) settings object sets, by its flat name. */
    public static Set<String> of(Map<?, ?> settings) {
        Set<String> names = new TreeSet<>();
        collect("", settings, names);
        return names;
    }

    private static void collect(String prefix, Map<?, ?> settings, Set<String> names) {
        for (Map.Entry<?, ?> entry : settings.entrySet()) {
            String name = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                collect(name + ".", nested, names);
            } else {
                names.add(name.startsWith("index.") ? name : "index." + name);
            }
        }
    }
}
