package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbSnapshotIT extends SnapshotContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String stampedColumn() {
        return "DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)";
    }

    @Override
    String clock() {
        return "CURRENT_TIMESTAMP(6)";
    }

    @Override
    String wallClockNow() {
        return "CAST(NOW(6) AS CHAR)";
    }
}
