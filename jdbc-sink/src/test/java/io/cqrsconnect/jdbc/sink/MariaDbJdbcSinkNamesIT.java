package io.cqrsconnect.jdbc.sink;

import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbJdbcSinkNamesIT extends JdbcSinkNamesContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

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
        return true;
    }
}
