package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.connect.ConnectCluster;

/**
 * One broker and one Connect worker with exactly-once source support (KIP-618) for this module's cluster tests in
 * a JVM, started on first use: the broker keeps its transaction log on its one replica.
 */
final class ExactlyOnceConnectCluster {

    private static ConnectCluster cluster;

    private ExactlyOnceConnectCluster() {
    }

    static synchronized ConnectCluster get() {
        if (cluster == null) {
            ConnectCluster started = new ConnectCluster(1)
                    .withWorkerProperty("exactly.once.source.support", "enabled")
                    .withBrokerProperty("transaction.state.log.replication.factor", "1")
                    .withBrokerProperty("transaction.state.log.min.isr", "1")
                    .start("jdbc-source-eos-it");
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "jdbc-source-eos-it-cluster-stop"));
            cluster = started;
        }
        return cluster;
    }
}
