package io.cqrsconnect.jdbc.source;

import java.util.List;

import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SQLite writes one transaction at a time, yet a row stamped in a transaction commits after it was stamped: the
 * look-back window applies (commit.lookback.ms). Times and timestamps are ISO text, decimals text.
 */
class SqliteJdbcSourceConnectorIT extends JdbcSourceConnectorContract {

    private static final String NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String autoIdPrimaryKey() {
        return "INTEGER PRIMARY KEY AUTOINCREMENT";
    }

    @Override
    String stampedColumn() {
        return "TIMESTAMP DEFAULT (" + NOW + ")";
    }

    @Override
    String clock() {
        return NOW;
    }

    @Override
    String wallClockNow() {
        return NOW;
    }

    @Override
    String sharedStamp() {
        return "'2024-05-01 10:00:00.123456'";
    }

    @Override
    List<String> typesTable(String table) {
        return List.of("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, amount DECIMAL TEXT, at TIMESTAMP, "
                + "born DATE, clock TIME, raw BLOB)",
                "INSERT INTO " + table + " VALUES (1, '12345678901234567890.0123456789', '2024-02-29 23:59:59.123456', "
                + "'0001-01-01', '24:00:00', X'00FF10')");
    }

    @Override
    boolean hasSchemas() {
        return false;
    }

    @Override
    String exactDecimal(String declared) {
        return "DECIMAL TEXT"; // DECIMAL(p,s) has NUMERIC affinity: SQLite would keep a REAL
    }
}
