package io.cqrsconnect.jdbc.sink;

import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import io.cqrsconnect.testing.values.EdgeCase;
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

    /** SQLite's REAL would store NaN as NULL. */
    @Override
    boolean refuses(EdgeCase edge) {
        return edge.value() instanceof Double number && number.isNaN()
                || edge.value() instanceof Float single && single.isNaN();
    }

    @Override
    boolean keepsNegativeZero() {
        return false;
    }
}
