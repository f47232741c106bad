package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.connect.ConnectCluster;

/**
 * One broker and one Connect worker for all of this module's cluster tests in a JVM: the per-database test classes
 * share it (each uses its own topics and connector names) instead of paying a cluster start each.
 */
final class SharedConnectCluster {

    private static ConnectCluster cluster;

    private SharedConnectCluster() {
    }

    static synchronized ConnectCluster get() {
        if (cluster == null) {
            ConnectCluster started = new ConnectCluster(1).start("jdbc-source-it");
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "jdbc-source-it-cluster-stop"));
            cluster = started;
        }
        return cluster;
    }
}
