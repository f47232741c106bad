package io.cqrsconnect.jdbc.sink.rebuild;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJdbcRebuildIT extends JdbcRebuildContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    boolean exactlyOnce() {
        return true;
    }
}
