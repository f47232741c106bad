package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOutboxIT extends JdbcSourceOutboxContract {

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
    String uuidType() {
        return "UUID";
    }

    @Override
    String jsonType() {
        return "JSON"; // json keeps the text as written; jsonb would normalize it
    }

    @Override
    String binaryType() {
        return "BYTEA";
    }

    @Override
    String stampedColumn() {
        return "TIMESTAMP(6) DEFAULT LOCALTIMESTAMP";
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }
}
