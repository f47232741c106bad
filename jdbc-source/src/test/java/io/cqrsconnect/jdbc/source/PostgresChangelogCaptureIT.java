package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL lists its open transactions: a late commit's changelog id is held until it has ended. */
class PostgresChangelogCaptureIT extends ChangelogCommitOrderContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }

    @Override
    String installedTriggersQuery(String table) {
        return "SELECT count(*) FROM pg_trigger WHERE tgname = '" + table + "__changelog_capture'";
    }

    @Override
    int triggerCount() {
        return 1;
    }
}
