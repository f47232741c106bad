package io.cqrsconnect.elasticsearch.config;

/** Where an index's field mappings come from. */
public enum MappingMode {
    /** Elasticsearch's dynamic mapping guesses each new field's type from its first value (or an index template). */
    DYNAMIC,
    /**
     * The connector maps each field from the record's Connect schema before the first document is written, and adds
     * new fields when the schema evolves; records without a schema fall back to dynamic mapping.
     */
    SCHEMA,
    /**
     * The connector creates each target index with the mappings (and settings) the user gave in
     * {@code mapping.custom.json}; indices that already exist keep theirs.
     */
    CUSTOM
}
