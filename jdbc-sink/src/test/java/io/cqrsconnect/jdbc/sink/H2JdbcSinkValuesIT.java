package io.cqrsconnect.jdbc.sink;

import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.db.TestDatabase;
import io.cqrsconnect.testing.values.EdgeCase;
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

    /** H2's TIME ends at 23:59:59.999999999: 24:00:00 is refused. */
    @Override
    boolean refuses(EdgeCase edge) {
        return edge.name().equals("24:00:00");
    }

    /** H2's REAL and DOUBLE PRECISION store -0.0 as 0.0. */
    @Override
    boolean keepsNegativeZero() {
        return false;
    }
}
