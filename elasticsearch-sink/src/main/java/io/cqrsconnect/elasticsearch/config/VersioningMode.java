package io.cqrsconnect.elasticsearch.config;

/** Where the external version of every write comes from; Elasticsearch ignores writes older than the document. */
public enum VersioningMode {
    /** The record's Kafka offset: correct as long as one key always lives in one partition. */
    KAFKA_OFFSET,
    /** A numeric (or timestamp) field of the value, e.g. a row version or an update time. */
    FIELD,
    /** A numeric record header, e.g. one a producer or an upstream connector sets; versions tombstones too. */
    HEADER,
    /** No versioning: the last write wins, a replay can overwrite newer documents. */
    NONE
}
