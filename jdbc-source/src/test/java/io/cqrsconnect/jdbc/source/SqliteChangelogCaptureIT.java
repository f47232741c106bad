package io.cqrsconnect.jdbc.source;

import java.util.List;

import io.cqrsconnect.testing.db.SqliteDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SQLite runs one write transaction at a time and takes the changelog id inside it, so ids commit in order: there
 * is no late commit to hold, and the commit-order test does not apply.
 */
class SqliteChangelogCaptureIT extends ChangelogCaptureContract {

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String wallClockNow() {
        return "strftime('%Y-%m-%d %H:%M:%f', 'now')";
    }

    @Override
    String installedTriggersQuery(String table) {
        return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '" + table + "'";
    }

    @Override
    int triggerCount() {
        return 3;
    }

    @RegisterExtension
    static final SqliteDatabase TARGET = new SqliteDatabase();

    @Override
    TestDatabase target() {
        return TARGET;
    }

    @Override
    String typesColumns() {
        return "id INTEGER PRIMARY KEY, amount DECIMAL TEXT, at TIMESTAMP, born DATE, clock TIME, raw BLOB, "
                + "name TEXT, big INTEGER, ratio REAL";
    }

    @Override
    List<String> typesChanges(String table) {
        return List.of("INSERT INTO " + table + " VALUES (1, '12345678901234567890.0123456789', "
                        + "'2024-02-29 23:59:59.123456', '0001-01-01', '24:00:00', X'00FF10', 'ä € 😀', "
                        + "9223372036854775807, 0.1)",
                "INSERT INTO " + table + " VALUES (2, '-0.0000000001', '1970-01-01 00:00:00', '2000-01-01', "
                        + "'00:00:00', X'', '', -1, -1.5e300)",
                "INSERT INTO " + table + " (id) VALUES (3)",
                "UPDATE " + table + " SET amount = '1.5', name = 'changed' WHERE id = 2",
                "UPDATE " + table + " SET clock = '12:34:56.789012', raw = X'DEADBEEF' WHERE id = 3",
                "DELETE FROM " + table + " WHERE id = 1",
                "INSERT INTO " + table + " (id, name) VALUES (4, 'late')");
    }
}
