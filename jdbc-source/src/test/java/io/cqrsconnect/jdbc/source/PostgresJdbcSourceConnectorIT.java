package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJdbcSourceConnectorIT extends JdbcSourceCommitSafetyContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String autoIdPrimaryKey() {
        return "BIGSERIAL PRIMARY KEY";
    }

    @Override
    String stampedColumn() {
        return "TIMESTAMP(6) DEFAULT LOCALTIMESTAMP"; // the transaction's start, in the session's zone
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
    List<String> typesTable(String table) {
        return List.of("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, amount NUMERIC(30,10), at TIMESTAMP(6), "
                + "born DATE, clock TIME(6), raw BYTEA, ref UUID, doc JSONB, tags INT4[])",
                "INSERT INTO " + table + " VALUES (1, 12345678901234567890.0123456789, '2024-02-29 23:59:59.123456', "
                + "'0001-01-01', '24:00:00', '\\x00ff10', '1b4e28ba-2fa1-11d2-883f-0016d3cca412', "
                + "'{\"a\": [1, 2]}', '{1,NULL,3}')");
    }

    @Test
    void validateAsksForTheGrantThatShowsTransactionsInFlight() throws Exception {
        String table = table("grants");
        String role = "cqrs_reader_" + SEQUENCE.incrementAndGet();
        execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY)", "CREATE ROLE " + role + " LOGIN",
                "GRANT SELECT ON " + table + " TO " + role);
        try (Connection otherUsersSession = DATABASE.connect()) {
            Map<String, String> config = sourceConfig(prefix("grants"));
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "id");
            config.put("table.include.list", table);
            config.put("connection.user", role);

            Map<String, List<String>> problems = problems(config);
            assertThat(problems).containsOnlyKeys("connection.user");
            assertThat(problems.get("connection.user").get(0)).contains("GRANT pg_read_all_stats");

            execute("GRANT pg_read_all_stats TO " + role);
            assertThat(problems(config)).isEmpty();
        } finally {
            execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void aTaskWhoseConnectionTheDatabaseDropsReconnectsAndGoesOn() throws Exception {
        String table = table("outage");
        execute("CREATE TABLE " + table + " (id BIGSERIAL PRIMARY KEY, name VARCHAR(20))");
        insertNames(table, "before");
        String prefix = prefix("outage");
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", "incrementing");
        config.put("incrementing.column.name", "id");
        config.put("table.include.list", table);
        config.put("retry.backoff.ms", "100");
        String connector = start("outage", config);
        awaitRecords(topic(prefix, table), 1);

        // What a database restart does to the task's session: the server ends it.
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid()");
        insertNames(table, "after");

        assertThat(ids(awaitRecords(topic(prefix, table), 2))).containsExactly(1L, 2L);
        cluster.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1,
                "the task reconnected and runs");
    }

    @Test
    void aTaskThatCannotReadFailsRatherThanShowRunning() throws Exception {
        String table = table("locked_out");
        String role = "cqrs_locked_" + SEQUENCE.incrementAndGet();
        execute("CREATE TABLE " + table + " (id BIGSERIAL PRIMARY KEY, name VARCHAR(20))",
                "CREATE ROLE " + role + " LOGIN", "GRANT SELECT ON " + table + " TO " + role,
                "GRANT pg_read_all_stats TO " + role);
        try {
            insertNames(table, "before");
            String prefix = prefix("locked-out");
            Map<String, String> config = sourceConfig(prefix);
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "id");
            config.put("table.include.list", table);
            config.put("connection.user", role);
            String connector = start("locked-out", config);
            awaitRecords(topic(prefix, table), 1);

            execute("ALTER ROLE " + role + " NOLOGIN", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE usename = '" + role + "'");
            cluster.connect().assertions().assertConnectorIsRunningAndTasksHaveFailed(connector, 1,
                    "a task that cannot log in again must fail, not show RUNNING");
            String trace = cluster.connect().connectorStatus(connector).tasks().get(0).trace();
            assertThat(trace).contains("not permitted to log in");
        } finally {
            execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void schemaListsCaptureTheTablesOfOtherSchemas() throws Exception {
        captureTheTablesOfListedSchemas("CREATE SCHEMA ");
    }
}
