package io.cqrsconnect.elasticsearch;

import io.cqrsconnect.testing.elasticsearch.ElasticsearchNode;

/**
 * The node with security on and TLS that the TLS and API-key tests share, one superuser in its file realm. Neither
 * class restarts it or changes its certificate (the TLS test does that to a node of its own), and each writes
 * indices of its own.
 */
public final class SecuredNode {

    public static final String USER = "tls-writer";
    public static final String PASSWORD = "tls-writer-secret";
    /** Certificate for localhost and 127.0.0.1. */
    public static final ElasticsearchNode NODE = ElasticsearchNode.withBasicAuth(USER, PASSWORD).withTls()
            .sharedByTestClasses();

    private SecuredNode() {
    }
}
