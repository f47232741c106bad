package io.cqrsconnect.elasticsearch.config;

import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.FieldSelection;

/**
 * Keys, documentation and defaults of the settings that say how each record is written: index or upsert, whether
 * deletes apply, external versions and how long deleted versions are remembered.
 * {@link ElasticsearchSinkConfigDef} defines them; {@link ElasticsearchSinkConnectorConfig} reads them.
 */
public final class WriteSettings {

    public static final String INSERT_MODE_CONFIG = "insert.mode";
    static final String INSERT_MODE_DOC = "index: each event replaces the whole document. upsert: the "
            + "event's fields are merged into the existing document, which is created when absent (fields the "
            + "event does not carry keep their values).";
    public static final String INSERT_MODE_DEFAULT = EnumSetting.spelling(InsertMode.INDEX);

    public static final String DELETE_ENABLED_CONFIG = "delete.enabled";
    static final String DELETE_ENABLED_DOC = "Whether tombstones and Debezium delete events delete the "
            + "document their key names. When false they are skipped (their offsets are committed).";
    public static final boolean DELETE_ENABLED_DEFAULT = true;

    public static final String FIELD_INCLUDE_LIST_CONFIG = FieldSelection.FIELD_INCLUDE_LIST_CONFIG;
    static final String FIELDS_INCLUDE_DOC = "Top-level value fields to write into documents (before renaming); "
            + "empty: all. The fields pk.fields and version.field name must be among them.";
    public static final String FIELD_EXCLUDE_LIST_CONFIG = FieldSelection.FIELD_EXCLUDE_LIST_CONFIG;
    static final String FIELDS_EXCLUDE_DOC = "Top-level value fields not to write into documents (before renaming); "
            + "neither the document nor a mapping from the record schema has them. A field pk.fields or "
            + "version.field names cannot be excluded. Ids, versions, routing and data stream timestamps are read "
            + "from the record, so they still work.";
    public static final String FIELD_RENAMES_CONFIG = FieldSelection.FIELD_RENAMES_CONFIG;
    static final String FIELDS_RENAME_DOC = "Document field names for top-level value fields, as field:new_name "
            + "pairs, e.g. 'cust_id:customer_id,ts:updated_at'. The document and the mapping from the record "
            + "schema use the new name, and so do mapping.keyword.fields and mapping.text.fields; pk.fields, "
            + "version.field, document.routing.field and data.stream.timestamp.field name the record's fields, "
            + "before renaming. A record whose field would be renamed onto another of its fields is a bad record.";

    public static final String VERSION_MODE_CONFIG = "version.mode";
    static final String VERSION_MODE_DOC = "The external version of every write (index, upsert and "
            + "delete alike): kafka_offset, a value field (version.field), a record header (version.header), or "
            + "none. With a version, Elasticsearch "
            + "keeps the newer document when an older event arrives again (a replay, a restart): such version "
            + "conflicts are counted and logged, never fatal.";
    public static final String VERSION_MODE_DEFAULT = EnumSetting.spelling(VersioningMode.KAFKA_OFFSET);

    public static final String VERSION_HEADER_CONFIG = "version.header";
    static final String VERSION_HEADER_DOC = "The record header holding the version when version.mode=header: "
            + "a number, or its decimal text. Headers version tombstones too.";
    public static final String VERSION_HEADER_DEFAULT = "";

    public static final String VERSION_FIELD_CONFIG = "version.field";
    static final String VERSION_FIELD_DOC = "The value field holding the version when "
            + "version.mode=field: an integer, or a timestamp (its epoch milliseconds are used).";
    public static final String VERSION_FIELD_DEFAULT = "";

    public static final String INDEX_GC_DELETES_CONFIG = "index.gc.deletes";
    static final String INDEX_GC_DELETES_DOC = "How long Elasticsearch remembers the version of a deleted document, "
            + "so that an older event arriving after the delete (a replay after a restart, a rebalance or an offset "
            + "reset; an upstream connector sending again) is refused instead of recreating the document. Past this "
            + "window the delete is forgotten and such an event silently brings the document back. While "
            + "version.mode is not none, the sink creates each target index itself with this value as "
            + "index.gc_deletes (Elasticsearch's default is 60s, shorter than a worker restart and its replay). The "
            + "cost: every delete keeps a tombstone (id and version) in the heap of the node holding the shard for "
            + "this long, so the heap held is about the deletes per window; lower it for indices with very many "
            + "deletes, raise it to cover the longest replay you expect. Indices, aliases and data streams that "
            + "already exist are not changed: when one's index.gc_deletes is shorter, validating the configuration "
            + "reports it on this setting (for the targets the template names without a record: literal text, "
            + "${topic} and ${topic[N]} over the listed topics), and the sink logs a warning once per index it "
            + "finds so while running; raise it with PUT <index>/_settings {\"index.gc_deletes\": \"1h\"}, or "
            + "lower this setting to accept the risk. A number and a unit: ms, s, m, h, d.";
    public static final String INDEX_GC_DELETES_DEFAULT = "1h";

    private WriteSettings() {
    }
}
