package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSnapshotIT extends SnapshotContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String stampedColumn() {
        return "TIMESTAMP(6) DEFAULT LOCALTIMESTAMP";
    }

    @Override
    String clock() {
        return "LOCALTIMESTAMP";
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }
}
