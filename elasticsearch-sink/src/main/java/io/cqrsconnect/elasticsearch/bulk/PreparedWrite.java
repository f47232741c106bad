package io.cqrsconnect.elasticsearch.bulk;

import io.cqrsconnect.elasticsearch.document.DocumentAction;

/**
 * An action as it goes on the wire: a versioned upsert has been merged with the stored document into a full,
 * versioned index of {@code source}; everything else is sent as the action says.
 *
 * @param source the JSON to send (the merged document for a versioned upsert), null for a delete
 * @param partial true when the source is a partial document to merge on the server (unversioned upsert)
 */
record PreparedWrite(DocumentAction action, byte[] source, boolean partial) {
}
