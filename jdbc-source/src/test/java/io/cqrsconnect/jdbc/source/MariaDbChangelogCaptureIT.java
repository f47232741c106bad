package io.cqrsconnect.jdbc.source;

import java.util.List;

import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MariaDB lists its open transactions (innodb_trx): a late commit's changelog id is held until it has ended. */
class MariaDbChangelogCaptureIT extends ChangelogCommitOrderContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String wallClockNow() {
        return "CAST(CURRENT_TIMESTAMP(6) AS CHAR)";
    }

    @Override
    String installedTriggersQuery(String table) {
        return "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
                + "AND EVENT_OBJECT_TABLE = '" + table + "'";
    }

    @Override
    int triggerCount() {
        return 3;
    }

    @RegisterExtension
    static final MariaDbDatabase TARGET = new MariaDbDatabase();

    @Override
    TestDatabase target() {
        return TARGET;
    }

    @Override
    String typesColumns() {
        return "id BIGINT PRIMARY KEY, amount DECIMAL(30,10), at DATETIME(6), born DATE, clock TIME(6), "
                + "raw VARBINARY(8), name VARCHAR(40) CHARACTER SET utf8mb4, flag BOOLEAN, big BIGINT, "
                + "ratio DOUBLE, small TINYINT UNSIGNED, zoned TIMESTAMP(6) NULL";
    }

    @Override
    List<String> typesChanges(String table) {
        // TIMESTAMP values are written in a session zone that is neither the server's nor UTC: an instant.
        return List.of("SET time_zone = '+05:30'",
                "INSERT INTO " + table + " VALUES (1, 12345678901234567890.0123456789, "
                        + "'2024-02-29 23:59:59.123456', "
                        + "'1000-01-01', '23:59:59.999999', X'00FF10', 'ä € 😀', true, 9223372036854775807, 0.1, "
                        + "255, '2024-02-29 23:59:59.123456')",
                "INSERT INTO " + table + " VALUES (2, -0.0000000001, '1970-01-01 00:00:00', '2000-01-01', "
                        + "'00:00:00', X'', '', false, -1, -1.5e300, 0, '1970-01-01 05:30:01')",
                "INSERT INTO " + table + " (id) VALUES (3)",
                "UPDATE " + table + " SET amount = 1.5, name = 'changed', zoned = '2038-01-19 08:44:07.999999' "
                        + "WHERE id = 2",
                "UPDATE " + table + " SET clock = '12:34:56.789012', raw = X'DEADBEEF' WHERE id = 3",
                "DELETE FROM " + table + " WHERE id = 1",
                "INSERT INTO " + table + " (id, name) VALUES (4, 'late')");
    }
}
