package io.cqrsconnect.jdbc.sink;

import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbJdbcSinkValuesIT extends JdbcSinkValuesContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    boolean holdsEndOfDay() {
        return true;
    }

    @Override
    int variableDecimalScale() {
        return 30;
    }

    @Override
    boolean boundsDecimalColumns() {
        return true;
    }
}
