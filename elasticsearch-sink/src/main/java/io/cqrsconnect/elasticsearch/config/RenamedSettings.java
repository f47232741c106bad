package io.cqrsconnect.elasticsearch.config;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cqrsconnect.common.config.ConfigProblems;

/**
 * The sink's settings before issue 11 gave it the vocabulary every connector shares. Connect passes keys a connector
 * does not define through without a word, so a configuration still using an old name would quietly get the new key's
 * default (an upsert becoming a replace, deletes that were off turned on); each old name is a problem on that key,
 * naming the new one, instead.
 */
final class RenamedSettings {

    /** New keys by old key. */
    private static final Map<String, String> RENAMED = renamed();

    private RenamedSettings() {
    }

    private static Map<String, String> renamed() {
        Map<String, String> renamed = new LinkedHashMap<>();
        renamed.put("connection.urls", ConnectionSettings.CONNECTION_URL_CONFIG);
        renamed.put("connection.username", ConnectionSettings.CONNECTION_USER_CONFIG);
        renamed.put("document.id.strategy", IndexSettings.PK_MODE_CONFIG);
        renamed.put("document.id.fields", IndexSettings.PK_FIELDS_CONFIG);
        renamed.put("versioning.mode", WriteSettings.VERSION_MODE_CONFIG);
        renamed.put("versioning.field", WriteSettings.VERSION_FIELD_CONFIG);
        renamed.put("versioning.header", WriteSettings.VERSION_HEADER_CONFIG);
        renamed.put("index.name.template", IndexSettings.INDEX_NAME_FORMAT_CONFIG);
        renamed.put("write.mode", WriteSettings.INSERT_MODE_CONFIG);
        renamed.put("behavior.on.tombstone", WriteSettings.DELETE_ENABLED_CONFIG);
        renamed.put("bulk.max.actions", BulkSettings.BATCH_SIZE_CONFIG);
        renamed.put("bulk.max.bytes", BulkSettings.BATCH_MAX_BYTES_CONFIG);
        renamed.put("bulk.flush.interval.ms", BulkSettings.BATCH_FLUSH_INTERVAL_MS_CONFIG);
        renamed.put("bulk.max.in.flight.requests", BulkSettings.BATCH_MAX_IN_FLIGHT_CONFIG);
        return renamed;
    }

    /** Adds a problem on each old key the configuration sets. */
    static void collect(Map<?, ?> originals, ConfigProblems problems) {
        RENAMED.forEach((old, now) -> {
            if (originals.containsKey(old)) {
                problems.add(old, old + " was renamed " + now + " (README, \"One vocabulary\"); set " + now
                        + " instead, with the values it takes");
            }
        });
    }
}
