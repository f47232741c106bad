package io.cqrsconnect.elasticsearch.config;

/** How a string field is mapped when the mapping comes from the Connect schema. */
public enum StringMapping {
    /** Full-text {@code text}: searchable by words, not sortable or aggregatable. */
    TEXT,
    /** Exact {@code keyword}: filters, sorting, aggregations. */
    KEYWORD,
    /** {@code text} with a {@code keyword} sub-field named {@code keyword}, as Elasticsearch's dynamic mapping does. */
    TEXT_AND_KEYWORD
}
