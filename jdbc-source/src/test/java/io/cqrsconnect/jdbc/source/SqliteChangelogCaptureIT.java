package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SQLite runs one write transaction at a time and takes the changelog id inside it, so ids commit in order: there
 * is no late commit to hold, and the commit-order test does not apply.
 */
class SqliteChangelogCaptureIT extends ChangelogCaptureContract {

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String wallClockNow() {
        return "strftime('%Y-%m-%d %H:%M:%f', 'now')";
    }

    @Override
    String installedTriggersQuery(String table) {
        return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '" + table + "'";
    }

    @Override
    int triggerCount() {
        return 3;
    }
}
