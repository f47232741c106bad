package io.cqrsconnect.rebuild.request;

import java.util.Map;
import java.util.Optional;

/**
 * Which coordinator connector rebuilds the read models of which sink. A coordinator runs in its sink's plugin (it
 * uses the sink's own code to switch names), so each sink plugin ships its own; the extension only names it.
 */
public final class CoordinatorClasses {

    private static final Map<String, String> BY_SINK = Map.of(
            "io.cqrsconnect.jdbc.sink.JdbcSinkConnector", "io.cqrsconnect.jdbc.sink.rebuild.JdbcRebuildConnector",
            "io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector",
            "io.cqrsconnect.elasticsearch.rebuild.ElasticsearchRebuildConnector");

    private CoordinatorClasses() {
    }

    /** The coordinator class for a sink connector class, or empty when it is not one of ours. */
    public static Optional<String> forSink(String sinkClass) {
        return Optional.ofNullable(BY_SINK.get(sinkClass));
    }
}
