package io.cqrsconnect.elasticsearch.config;

/** What happens to a document Elasticsearch rejects on its own merits (a mapping conflict, say). */
public enum MalformedDocumentBehavior {
    /**
     * Treat it as a bad record: to the dead-letter queue when the worker tolerates errors
     * ({@code errors.tolerance=all}), otherwise the task fails with Elasticsearch's reason.
     */
    FAIL,
    /** Report it to the dead-letter queue when there is one, else log a warning; go on either way. */
    WARN,
    /** Skip it; it is counted and logged at debug level only. */
    IGNORE
}
