package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL lists its open transactions: a late commit's changelog id is held until it has ended. */
class PostgresChangelogCaptureIT extends ChangelogCommitOrderContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }

    @Override
    String installedTriggersQuery(String table) {
        return "SELECT count(*) FROM pg_trigger WHERE tgname = '" + table + "__changelog_capture'";
    }

    @Override
    int triggerCount() {
        return 1;
    }

    @Test
    void validateAsksForTheGrantsThatInstallTheChangelog() throws Exception {
        String table = table("grants");
        String role = "cqrs_changelog_" + SEQUENCE.incrementAndGet();
        createTable(table);
        execute("CREATE ROLE " + role + " LOGIN", "GRANT SELECT ON " + table + " TO " + role,
                "GRANT pg_read_all_stats TO " + role);
        try {
            Map<String, String> config = changelogConfig(prefix("grants"), table);
            config.put("connection.user", role);

            Map<String, List<String>> problems = JdbcSourceConnectorContract.problems(config);
            assertThat(problems).containsOnlyKeys("connection.user");
            assertThat(problems.get("connection.user").get(0)).contains("GRANT TRIGGER ON " + table);

            execute("GRANT TRIGGER ON " + table + " TO " + role, "GRANT CREATE ON SCHEMA public TO " + role);
            assertThat(JdbcSourceConnectorContract.problems(config)).isEmpty();
        } finally {
            execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @RegisterExtension
    static final PostgresDatabase TARGET = new PostgresDatabase();

    @Override
    TestDatabase target() {
        return TARGET;
    }

    @Override
    String typesColumns() {
        return "id BIGINT PRIMARY KEY, amount NUMERIC(30,10), at TIMESTAMP(6), zoned TIMESTAMPTZ, born DATE, "
                + "clock TIME(6), raw BYTEA, ref UUID, doc JSONB, tags INT4[], name VARCHAR(40), flag BOOLEAN, "
                + "big BIGINT, ratio DOUBLE PRECISION";
    }

    @Override
    List<String> typesChanges(String table) {
        return List.of("INSERT INTO " + table + " VALUES (1, 12345678901234567890.0123456789, "
                        + "'2024-02-29 23:59:59.123456', "
                        + "'2024-02-29 23:59:59.123456+05:30', '0001-01-01', '24:00:00', '\\x00ff10', "
                        + "'1b4e28ba-2fa1-11d2-883f-0016d3cca412', '{\"a\": [1, 2]}', '{1,NULL,3}', 'ä € 😀', true, "
                        + "9223372036854775807, 0.1)",
                "INSERT INTO " + table + " VALUES (2, -0.0000000001, '1970-01-01 00:00:00', "
                        + "'1970-01-01 00:00:00+00', '2000-01-01', '00:00:00', '\\x', "
                        + "'00000000-0000-0000-0000-000000000000', '[]', '{}', '', false, -1, -1.5e300)",
                "INSERT INTO " + table + " (id) VALUES (3)",
                "UPDATE " + table + " SET amount = 1.5, doc = '{\"b\": null}', tags = '{7}', name = 'changed' "
                        + "WHERE id = 2",
                "UPDATE " + table + " SET clock = '12:34:56.789012', raw = '\\xdeadbeef' WHERE id = 3",
                "DELETE FROM " + table + " WHERE id = 1",
                "INSERT INTO " + table + " (id, name) VALUES (4, 'late')");
    }
}
