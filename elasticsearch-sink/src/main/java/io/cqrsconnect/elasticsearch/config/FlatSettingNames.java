package io.cqrsconnect.elasticsearch.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
        return new TreeSet<>(values(settings).keySet());
    }

    /** Every setting the (possibly nested) settings object sets: its flat name to its value. */
    public static Map<String, Object> values(Map<?, ?> settings) {
        Map<String, Object> values = new TreeMap<>();
        collect("", settings, values);
        return values;
    }

    private static void collect(String prefix, Map<?, ?> settings, Map<String, Object> values) {
        for (Map.Entry<?, ?> entry : settings.entrySet()) {
            String name = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                collect(name + ".", nested, values);
            } else {
                values.put(name.startsWith("index.") ? name : "index." + name, entry.getValue());
            }
        }
    }
}
