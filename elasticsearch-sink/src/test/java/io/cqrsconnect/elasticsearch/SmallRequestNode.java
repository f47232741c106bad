package io.cqrsconnect.elasticsearch;

import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;

/**
 * The node the request-size tests share: it refuses HTTP requests over 64 KB, so a bulk request the sink must cut,
 * or a document too large to send, takes a few records rather than megabytes. Each class writes indices of its own.
 */
public final class SmallRequestNode {

    /** The largest HTTP request body the node takes. */
    public static final int MAX_CONTENT_LENGTH = 64 * 1024;
    public static final ElasticsearchNode NODE = new ElasticsearchNode()
            .withSetting("http.max_content_length", MAX_CONTENT_LENGTH + "b").sharedByTestClasses();

    private SmallRequestNode() {
    }
}
