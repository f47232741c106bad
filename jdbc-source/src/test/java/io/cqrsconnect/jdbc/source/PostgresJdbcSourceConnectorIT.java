package io.cqrsconnect.jdbc.source;

import java.util.List;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJdbcSourceConnectorIT extends JdbcSourceCommitSafetyContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String autoIdPrimaryKey() {
        return "BIGSERIAL PRIMARY KEY";
    }

    @Override
    String stampedColumn() {
        return "TIMESTAMP(6) DEFAULT LOCALTIMESTAMP"; // the transaction's start, in the session's zone
    }

    @Override
    String clock() {
        return "LOCALTIMESTAMP";
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }

    @Override
    List<String> typesTable(String table) {
        return List.of("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, amount NUMERIC(30,10), at TIMESTAMP(6), "
                + "born DATE, clock TIME(6), raw BYTEA, ref UUID, doc JSONB, tags INT4[])",
                "INSERT INTO " + table + " VALUES (1, 12345678901234567890.0123456789, '2024-02-29 23:59:59.123456', "
                + "'0001-01-01', '24:00:00', '\\x00ff10', '1b4e28ba-2fa1-11d2-883f-0016d3cca412', "
                + "'{\"a\": [1, 2]}', '{1,NULL,3}')");
    }
}
