package io.cqrsconnect.jdbc.source;

import java.util.List;
import java.util.Locale;

import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** H2 cannot list its open transactions: the look-back window applies (commit.lookback.ms). */
class H2JdbcSourceConnectorIT extends JdbcSourceCommitSafetyContract {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String topic(String prefix, String table) {
        return prefix + table.toUpperCase(Locale.ROOT); // H2 stores unquoted names in upper case
    }

    @Override
    String capturedName(String table) {
        return table.toUpperCase(Locale.ROOT);
    }

    @Override
    String autoIdPrimaryKey() {
        return "BIGINT AUTO_INCREMENT PRIMARY KEY";
    }

    @Override
    String stampedColumn() {
        return "TIMESTAMP(6) DEFAULT LOCALTIMESTAMP";
    }

    @Override
    String clock() {
        return "LOCALTIMESTAMP";
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }

    @Override
    String latestTime() {
        return "23:59:59.999999"; // H2 refuses 24:00:00
    }

    @Override
    List<String> typesTable(String table) {
        return List.of("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, amount NUMERIC(30,10), at TIMESTAMP(6), "
                + "born DATE, clock TIME(6), raw VARBINARY(8), ref UUID, doc JSON, tags INTEGER ARRAY)",
                "INSERT INTO " + table + " VALUES (1, 12345678901234567890.0123456789, "
                + "TIMESTAMP '2024-02-29 23:59:59.123456', DATE '0001-01-01', TIME '23:59:59.999999', X'00FF10', "
                + "'1b4e28ba-2fa1-11d2-883f-0016d3cca412', JSON '{\"a\":[1,2]}', ARRAY[1, NULL, 3])");
    }
}
