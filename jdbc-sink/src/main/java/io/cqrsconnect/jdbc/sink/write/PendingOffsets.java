package io.cqrsconnect.jdbc.sink.write;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The offsets one write stores with its rows in exactly-once mode. They are stored in whichever transaction
 * commits the write's last rows, exactly once across the attempts of the write: a retry after they committed must
 * not store them again (nothing would break, but the row-per-transaction path would commit them early).
 */
final class PendingOffsets {

    private final OffsetStore store;
    private final Map<TopicPartition, Long> nextOffsets;
    private boolean committed;

    /** @param store the offsets table, or null when the connector does not store offsets */
    PendingOffsets(OffsetStore store, Map<TopicPartition, Long> nextOffsets) {
        this.store = store;
        this.nextOffsets = nextOffsets;
        this.committed = store == null || nextOffsets.isEmpty();
    }

    /** True while the offsets still have to be stored and committed. */
    boolean pending() {
        return !committed;
    }

    /** Stores the offsets in the caller's transaction, unless they are committed already. */
    void storeIn(Connection jdbc) throws SQLException {
        if (!committed) {
            store.store(jdbc, nextOffsets);
        }
    }

    /** After the transaction that stored them committed. */
    void committed() {
        committed = true;
    }
}
