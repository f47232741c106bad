package io.cqrsconnect.jdbc.sink;

import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteJdbcSinkValuesIT extends JdbcSinkValuesContract {

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

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
        return Integer.MAX_VALUE;
    }

    @Override
    boolean boundsDecimalColumns() {
        return false;
    }
}
