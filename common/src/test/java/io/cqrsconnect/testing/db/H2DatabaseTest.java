package io.cqrsconnect.testing.db;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2DatabaseTest extends TestDatabaseContract {

    @RegisterExtension
    static final H2Database DB = new H2Database();

    @Override
    TestDatabase database() {
        return DB;
    }
}
