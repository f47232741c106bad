package io.cqrsconnect.jdbc.common;

import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteSinkDialectTest extends SinkDialectContract {

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
