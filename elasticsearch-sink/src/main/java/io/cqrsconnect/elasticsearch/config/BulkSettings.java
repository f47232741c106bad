package io.cqrsconnect.elasticsearch.config;

import io.cqrsconnect.common.config.EnumSetting;

/**
 * Keys, documentation and defaults of the settings that say how documents travel in bulk requests: their size and
 * pacing, retries of what the cluster could not take, and what happens to documents it rejects.
 * {@link ElasticsearchSinkConfigDef} defines them; {@link ElasticsearchSinkConnectorConfig} reads them.
 */
public final class BulkSettings {

    public static final String BATCH_SIZE_CONFIG = "batch.size";
    static final String BATCH_SIZE_DOC = "Most documents in one bulk request.";
    public static final int BATCH_SIZE_DEFAULT = 1000;

    public static final String BATCH_MAX_BYTES_CONFIG = "batch.max.bytes";
    static final String BATCH_MAX_BYTES_DOC = "Most bytes of document sources in one bulk request; a larger "
            + "document is sent alone. Requests are also cut to fit what the cluster accepts in one request (the "
            + "smallest http.max_content_length of its nodes, read when a task starts), and a request Elasticsearch "
            + "answers 413 Request Entity Too Large is sent again in halves; a document that alone is over the "
            + "limit is handled per behavior.on.malformed.documents.";
    public static final long BATCH_MAX_BYTES_DEFAULT = 5L * 1024 * 1024;

    public static final String BATCH_FLUSH_INTERVAL_MS_CONFIG = "batch.flush.interval.ms";
    static final String BATCH_FLUSH_INTERVAL_MS_DOC = "A bulk request that is not full is sent once its "
            + "oldest document has waited this long.";
    public static final long BATCH_FLUSH_INTERVAL_MS_DEFAULT = 1_000;

    public static final String BATCH_MAX_IN_FLIGHT_CONFIG = "batch.max.in.flight.requests";
    static final String BATCH_MAX_IN_FLIGHT_DOC = "Bulk requests sent concurrently by one task. When that "
            + "many are in flight and another is ready, the task pauses its partitions until one completes. Unset, "
            + "a connector with one task sends 2 at a time and one with several tasks 1 per task: the tasks share "
            + "the cluster's write threads, and requests beyond what it indexes at once only wait, holding their "
            + "documents in the worker's memory. Raise it when the cluster has more write threads than the "
            + "connector has tasks and its write thread pool is not queueing; lower it when the cluster answers 429.";
    public static final int BATCH_MAX_IN_FLIGHT_DEFAULT = 2;
    /** What each task of a connector with several tasks gets when the setting is not given. */
    public static final int BATCH_MAX_IN_FLIGHT_PER_TASK_OF_MANY = 1;

    public static final String MALFORMED_DOCUMENTS_CONFIG = "behavior.on.malformed.documents";
    static final String MALFORMED_DOCUMENTS_DOC = "What happens to a document Elasticsearch rejects on its "
            + "own merits (a mapping conflict, a bad value, a size over the nodes' http.max_content_length): fail "
            + "(a bad record: to the dead-letter queue when errors.tolerance=all, else the task fails naming the "
            + "record and field), warn (dead-letter queue if "
            + "any, else a logged warning; go on), or ignore (skip; counted only).";
    public static final String MALFORMED_DOCUMENTS_DEFAULT = EnumSetting.spelling(MalformedDocumentBehavior.FAIL);

    private BulkSettings() {
    }
}
