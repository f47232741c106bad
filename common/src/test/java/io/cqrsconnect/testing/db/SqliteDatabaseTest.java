package io.cqrsconnect.testing.db;

import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteDatabaseTest extends TestDatabaseContract {

    @RegisterExtension
    static final SqliteDatabase DB = new SqliteDatabase();

    @Override
    TestDatabase database() {
        return DB;
    }
}
