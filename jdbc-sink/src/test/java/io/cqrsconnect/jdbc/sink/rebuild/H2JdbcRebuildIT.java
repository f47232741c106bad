package io.cqrsconnect.jdbc.sink.rebuild;

import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2JdbcRebuildIT extends JdbcRebuildContract {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    boolean exactlyOnce() {
        return false;
    }
}
