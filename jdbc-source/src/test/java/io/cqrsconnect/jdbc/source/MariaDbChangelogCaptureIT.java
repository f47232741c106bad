package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MariaDB lists its open transactions (innodb_trx): a late commit's changelog id is held until it has ended. */
class MariaDbChangelogCaptureIT extends ChangelogCommitOrderContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String wallClockNow() {
        return "CAST(CURRENT_TIMESTAMP(6) AS CHAR)";
    }

    @Override
    String installedTriggersQuery(String table) {
        return "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
                + "AND EVENT_OBJECT_TABLE = '" + table + "'";
    }

    @Override
    int triggerCount() {
        return 3;
    }
}
