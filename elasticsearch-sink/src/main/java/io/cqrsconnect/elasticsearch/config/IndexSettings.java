package io.cqrsconnect.elasticsearch.config;

import io.cqrsconnect.common.config.EnumSetting;

/**
 * Keys, documentation and defaults of the settings that say where each document goes and what it is called: target
 * index, read model generation, document id, routing, ingest pipeline and data stream timestamps.
 * {@link ElasticsearchSinkConfigDef} defines them; {@link ElasticsearchSinkConnectorConfig} reads them.
 */
public final class IndexSettings {

    public static final String INDEX_NAME_FORMAT_CONFIG = "index.name.format";
    static final String INDEX_NAME_FORMAT_DOC = "The index (or alias, or data stream) each record is "
            + "written to: text with ${topic}, ${topic[N]}, ${source.db}, ${source.schema}, ${source.table}, "
            + "${value.<field>} (a value field), ${value.<field>:<pattern>} (a date or timestamp field formatted "
            + "in UTC, e.g. orders-${value.created_at:yyyy-MM}) or ${timestamp:<pattern>} (the record's "
            + "timestamp). The result is made a valid index name: lower-cased, \\ / * ? \" < > | , # : and spaces "
            + "become '_', leading -, _ and + are dropped, and a name over 255 bytes is cut to a prefix, '_' and 8 "
            + "hex digits of its SHA-256. Two names that become one index are not merged: the second is a bad "
            + "record.";
    public static final String INDEX_NAME_FORMAT_DEFAULT = "${topic}";

    public static final String READ_MODEL_GENERATION_CONFIG = "read.model.generation";
    static final String READ_MODEL_GENERATION_DOC = "0: write into the index the template names. N >= 1: the "
            + "template names a read model's logical name, and documents go into its generation N, the index "
            + "<name>__gN; the sink creates that index and, when the logical name does not exist yet, makes it an "
            + "alias of generation N for readers. An existing alias is left as it is: a rebuild writes generation "
            + "N+1 next to the live one and switches the alias atomically once it has caught up.";
    public static final int READ_MODEL_GENERATION_DEFAULT = 0;

    public static final String READ_MODEL_REPLAY_SETTINGS_CONFIG = "read.model.replay.index.settings";
    static final String READ_MODEL_REPLAY_SETTINGS_DOC = "Index settings, as a JSON object, that a generation's "
            + "index is created with on top of its own while a rebuild replays history into it, e.g. "
            + "{\"index.refresh_interval\": \"-1\", \"index.number_of_replicas\": 0} (what a rebuild uses when "
            + "this is empty). The rebuild sets it on the connector that builds the next generation and gives the "
            + "index its serving values back before readers switch to it. Set on a live connector, every rebuild of "
            + "its read model replays with it; in a rebuild's request, that rebuild alone does ({} for none).";
    public static final String READ_MODEL_REPLAY_SETTINGS_DEFAULT = "";

    public static final String PK_MODE_CONFIG = "pk.mode";
    static final String PK_MODE_DOC = "Where document ids come from: record_key (a primitive "
            + "key as is; a struct key as its field values in field order joined by '|', with '|' and '\\' "
            + "escaped by '\\'; a schemaless map key as name=value pairs in name order, joined the same way; a "
            + "struct or map of one field as that field's value), record_value (the fields in pk.fields, "
            + "joined the same way), or kafka (topic|partition|offset: one document per record).";
    public static final String PK_MODE_DEFAULT = EnumSetting.spelling(IdStrategy.RECORD_KEY);

    public static final String PK_FIELDS_CONFIG = "pk.fields";
    static final String PK_FIELDS_DOC = "The value fields that make the document id when "
            + "pk.mode=record_value.";
    public static final String PK_FIELDS_DEFAULT = "";

    public static final String ROUTING_FIELD_CONFIG = "document.routing.field";
    static final String ROUTING_FIELD_DOC = "A field (dotted path) whose value routes each document to its shard, "
            + "e.g. a tenant id; looked up in the value, or in a struct key when the record has no value (a "
            + "tombstone). Empty: Elasticsearch routes by document id.";
    public static final String ROUTING_FIELD_DEFAULT = "";

    public static final String INGEST_PIPELINE_CONFIG = "ingest.pipeline";
    static final String INGEST_PIPELINE_DOC = "An ingest pipeline every indexed document goes through. Empty: none "
            + "(or the index's default pipeline). Unversioned upserts use the update API, which runs no pipeline.";
    public static final String INGEST_PIPELINE_DEFAULT = "";

    public static final String DATA_STREAM_TIMESTAMP_FIELD_CONFIG = "data.stream.timestamp.field";
    static final String DATA_STREAM_TIMESTAMP_FIELD_DOC = "Where the @timestamp of a document written into a "
            + "data stream comes from when the document has none (data streams refuse documents without it): a "
            + "value field (dotted path; a Connect Date or Timestamp is written as an ISO-8601 instant, an integer "
            + "as epoch milliseconds, text as it is), or, empty, the record's Kafka timestamp. The sink finds out "
            + "whether a target is a data stream (an existing one, an alias of one, or a name a data stream "
            + "template matches) before its first write, and writes there with op_type=create: each document is "
            + "added, never replaced, and one whose id already exists in the write index is refused and counted "
            + "as a version conflict (pk.mode=kafka gives one document per record and "
            + "makes a replay harmless). Data streams take no external versions, so writing into one needs "
            + "version.mode=none (the task fails otherwise, naming it), nor partial updates "
            + "(insert.mode=upsert fails the same way), nor deletes by id: a tombstone or delete event aimed at a "
            + "data stream is a bad record (dead-letter queue, or the task fails) unless delete.enabled=false, "
            + "which skips every delete.";
    public static final String DATA_STREAM_TIMESTAMP_FIELD_DEFAULT = "";

    private IndexSettings() {
    }
}
