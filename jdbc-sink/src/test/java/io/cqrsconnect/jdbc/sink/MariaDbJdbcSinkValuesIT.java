package io.cqrsconnect.jdbc.sink;

import java.math.BigDecimal;

import io.cqrsconnect.common.values.LogicalValues;
import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import io.cqrsconnect.testing.values.EdgeCase;
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

    /**
     * MariaDB's FLOAT and DOUBLE hold no NaN or infinity, and its DECIMAL at most 65 digits, 30 of them after the
     * point: the sink creates DECIMAL(65,30) for a variable-scale decimal and caps a fixed scale at 30, and refuses a
     * value that column would round or cannot hold.
     */
    @Override
    boolean refuses(EdgeCase edge) {
        Object value = edge.value();
        if (value instanceof Double number) {
            return !Double.isFinite(number);
        }
        if (value instanceof Float number) {
            return !Float.isFinite(number);
        }
        if (value instanceof BigDecimal decimal) {
            return !fits(decimal, Math.min(30, decimal.scale()));
        }
        if (edge.group().equals("variable scale decimal")) {
            return !fits(LogicalValues.variableScaleDecimal(value), 30);
        }
        return false;
    }

    /** True when DECIMAL(65, scale) holds the value exactly. */
    private static boolean fits(BigDecimal value, int scale) {
        BigDecimal exact = value.stripTrailingZeros();
        return Math.max(0, exact.scale()) <= scale && exact.precision() - exact.scale() <= 65 - scale;
    }

    @Override
    boolean keepsNegativeZero() {
        return false;
    }
}
