package io.cqrsconnect.jdbc.sink;

import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2JdbcSinkValuesIT extends JdbcSinkValuesContract {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    boolean holdsEndOfDay() {
        return false;
    }

    @Override
    int variableDecimalScale() {
        return Integer.MAX_VALUE;
    }

    @Override
    boolean boundsDecimalColumns() {
        return true;
    }
}
