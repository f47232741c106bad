package io.cqrsconnect.jdbc.source;

import java.util.List;

import java.util.Locale;

import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * H2 runs in this JVM, so it loads the Java trigger class; it cannot list its open transactions, so a late
 * commit's changelog id is held for the look-back window (here longer than the test's pause).
 */
class H2ChangelogCaptureIT extends ChangelogCommitOrderContract {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String stored(String table) {
        return table.toUpperCase(Locale.ROOT);
    }

    @Override
    String changelogSql(String table) {
        return "\"" + stored(table) + "__changelog\"";
    }

    @Override
    String lookBackMs() {
        return "60000";
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }

    @Override
    String installedTriggersQuery(String table) {
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TRIGGERS WHERE EVENT_OBJECT_TABLE = '" + stored(table) + "'";
    }

    @Override
    int triggerCount() {
        return 1;
    }

    @RegisterExtension
    static final H2Database TARGET = new H2Database();

    @Override
    TestDatabase target() {
        return TARGET;
    }

    /**
     * No ARRAY or JSON column: our JDBC sink's H2 dialect writes both as text (it creates them CHARACTER VARYING), so
     * into an existing ARRAY column H2 refuses '[7]', and into a JSON column it stores a JSON string. The source
     * reads both from H2 (see H2JdbcSourceConnectorIT's types); the sink's gap is left to the sink.
     */
    @Override
    String typesColumns() {
        return "id BIGINT PRIMARY KEY, amount NUMERIC(30,10), at TIMESTAMP(6), born DATE, clock TIME(6), "
                + "raw VARBINARY(8), ref UUID, name VARCHAR(40), flag BOOLEAN, "
                + "big BIGINT, ratio DOUBLE PRECISION";
    }

    @Override
    List<String> typesChanges(String table) {
        return List.of("INSERT INTO " + table + " VALUES (1, 12345678901234567890.0123456789, "
                        + "TIMESTAMP '2024-02-29 23:59:59.123456', DATE '0001-01-01', TIME '23:59:59.999999', "
                        + "X'00FF10', '1b4e28ba-2fa1-11d2-883f-0016d3cca412', 'ä € 😀', true, 9223372036854775807, 0.1)",
                "INSERT INTO " + table + " VALUES (2, -0.0000000001, TIMESTAMP '1970-01-01 00:00:00', "
                        + "DATE '2000-01-01', TIME '00:00:00', X'', '00000000-0000-0000-0000-000000000000', "
                        + "'', false, -1, -1.5e300)",
                "INSERT INTO " + table + " (id) VALUES (3)",
                "UPDATE " + table + " SET amount = 1.5, name = 'changed' WHERE id = 2",
                "UPDATE " + table + " SET clock = TIME '12:34:56.789012', raw = X'DEADBEEF' WHERE id = 3",
                "DELETE FROM " + table + " WHERE id = 1",
                "INSERT INTO " + table + " (id, name) VALUES (4, 'late')");
    }
}
