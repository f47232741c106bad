package io.cqrsconnect.jdbc.sink;

import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteJdbcSinkNamesIT extends JdbcSinkNamesContract {

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    boolean namesIgnoreCase() {
        return true;
    }

    @Override
    boolean namesAreBmpWithoutTrailingSpace() {
        return false;
    }
}
