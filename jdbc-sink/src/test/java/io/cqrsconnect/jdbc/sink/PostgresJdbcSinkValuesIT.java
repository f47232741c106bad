package io.cqrsconnect.jdbc.sink;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import io.cqrsconnect.testing.values.EdgeCase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJdbcSinkValuesIT extends JdbcSinkValuesContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

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
        return true;
    }

    /** PostgreSQL's text holds no NUL character (its UTF-8 encoding refuses 0x00). */
    @Override
    boolean refuses(EdgeCase edge) {
        return edge.name().equals("NUL character");
    }

    @Override
    boolean keepsNegativeZero() {
        return true;
    }
}
