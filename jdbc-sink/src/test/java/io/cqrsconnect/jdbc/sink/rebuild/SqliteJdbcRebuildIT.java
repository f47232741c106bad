package io.cqrsconnect.jdbc.sink.rebuild;

import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteJdbcRebuildIT extends JdbcRebuildContract {

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    boolean exactlyOnce() {
        return false;
    }
}
