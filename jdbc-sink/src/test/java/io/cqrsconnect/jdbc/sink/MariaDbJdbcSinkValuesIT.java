package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.values.LogicalValues;
import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import io.cqrsconnect.testing.values.EdgeCase;
import org.junit.jupiter.api.Test;
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
     * A session that is not strict (here by the driver's sessionVariables, as a server's default may be) cuts a string
     * to its column with a mere warning; the sink makes its own sessions strict, so the record is refused instead.
     */
    @Test
    void refusesAStringTooLongForItsColumnWhateverTheServersSqlMode() throws InterruptedException {
        String topic = topic("notes");
        String table = tableFor(topic);
        DATABASE.execute("CREATE TABLE `" + table + "` (id BIGINT NOT NULL PRIMARY KEY, note VARCHAR(5))");
        String dlq = deadLetterTopic(topic);
        Map<String, String> config = tolerantConfig(topic, dlq);
        config.put("connection.url", DATABASE.jdbcUrl() + (DATABASE.jdbcUrl().contains("?") ? "&" : "?")
                + "sessionVariables=sql_mode=''");
        config.put("auto.evolve", "false");
        String schema = "{\"type\":\"struct\",\"optional\":false,\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int64\",\"optional\":false},"
                + "{\"field\":\"note\",\"type\":\"string\",\"optional\":true}]}";
        List<String> notes = List.of("short", "too long", "fine");
        for (int i = 0; i < notes.size(); i++) {
            produce(topic, idKey(i), "{\"schema\":" + schema + ",\"payload\":{\"id\":" + i + ",\"note\":\""
                    + notes.get(i) + "\"}}");
        }
        String connector = start("strict", config);

        awaitRows(table, "id", rows -> assertThat(rows).extracting(row -> row.get("note"))
                .containsExactly("short", "fine"));
        assertThat(deadLetters(dlq, 1)).singleElement().satisfies(letter -> assertThat(letter.reason())
                .contains("offset 1").contains("'note'").contains("too long"));
        awaitCommitted(connector, topic, notes.size());
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
