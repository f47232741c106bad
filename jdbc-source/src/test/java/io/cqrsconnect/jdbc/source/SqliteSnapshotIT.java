package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Snapshots on SQLite: one writer at a time, and a commit horizon from the look-back window (commit.lookback.ms),
 * so the switch to the stream leans on the floor the snapshot keeps; timestamps are ISO text.
 */
class SqliteSnapshotIT extends SnapshotContract {

    private static final String NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String stampedColumn() {
        return "TIMESTAMP DEFAULT (" + NOW + ")";
    }

    @Override
    String clock() {
        return NOW;
    }

    @Override
    String wallClockNow() {
        return NOW;
    }
}
