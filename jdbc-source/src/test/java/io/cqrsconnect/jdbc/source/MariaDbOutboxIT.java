package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbOutboxIT extends JdbcSourceOutboxContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

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
        return "JSON";
    }

    @Override
    String binaryType() {
        return "BLOB";
    }

    @Override
    String stampedColumn() {
        return "DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)";
    }

    @Override
    String wallClockNow() {
        return "CAST(NOW(6) AS CHAR)";
    }
}
