package io.cqrsconnect.elasticsearch.bulk;

import java.nio.charset.StandardCharsets;

import io.cqrsconnect.elasticsearch.document.DocumentAction;

/**
 * An action as it goes on the wire: a versioned upsert has been merged with the stored document into a full,
 * versioned index of {@code source}; everything else is sent as the action says.
 *
 * @param source the JSON to send (the merged document for a versioned upsert), null for a delete
 * @param partial true when the source is a partial document to merge on the server (unversioned upsert)
 */
record PreparedWrite(DocumentAction action, byte[] source, boolean partial) {

    /**
     * Room for the metadata line's fixed parts: the operation, {@code _index}, {@code _id}, {@code routing},
     * {@code pipeline}, {@code version}, {@code version_type}, quotes and newlines; and for a partial document's
     * {@code {"doc":...,"doc_as_upsert":true}} wrapping.
     */
    private static final int FIXED_BYTES = 192;

    /**
     * The bytes this write adds to a bulk request body, from above: the source as sent, its metadata line and the
     * newlines. Compared with the cluster's request limit, which counts the body's bytes; an estimate that falls
     * short only means Elasticsearch answers 413 and the request is split then.
     *
     * @param pipelineBytes the length of the ingest pipeline's name, sent with every indexed document
     */
    long bulkBytes(int pipelineBytes) {
        DocumentAction action = action();
        long bytes = FIXED_BYTES + pipelineBytes + utf8Length(action.index()) + utf8Length(action.id())
                + utf8Length(action.routing());
        return source == null ? bytes : bytes + source.length;
    }

    static int utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
