package io.cqrsconnect.jdbc.sink.rebuild;

import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbJdbcRebuildIT extends JdbcRebuildContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    boolean exactlyOnce() {
        return false;
    }
}
