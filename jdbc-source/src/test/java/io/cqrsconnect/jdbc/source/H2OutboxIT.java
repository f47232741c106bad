package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** H2 cannot list its open transactions: the late commit is held by the look-back window. */
class H2OutboxIT extends JdbcSourceOutboxContract {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String autoIdPrimaryKey() {
        return "BIGINT AUTO_INCREMENT PRIMARY KEY";
    }

    @Override
    String uuidType() {
        return "UUID";
    }

    @Override
    String jsonType() {
        return "VARCHAR(1000)"; // H2's JSON type holds JSON values, not the text written
    }

    @Override
    String binaryType() {
        return "VARBINARY(100)";
    }

    @Override
    String stampedColumn() {
        return "TIMESTAMP(6) DEFAULT LOCALTIMESTAMP";
    }

    @Override
    String lateCommitLookBack() {
        return "15000"; // longer than the late transaction stays open
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }
}
