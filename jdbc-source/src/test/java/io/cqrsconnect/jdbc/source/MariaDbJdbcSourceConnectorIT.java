package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbJdbcSourceConnectorIT extends JdbcSourceCommitSafetyContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String autoIdPrimaryKey() {
        return "BIGINT AUTO_INCREMENT PRIMARY KEY";
    }

    @Override
    String stampedColumn() {
        return "DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)"; // the statement's start, in the session's zone
    }

    @Override
    String clock() {
        return "CURRENT_TIMESTAMP(6)";
    }

    @Override
    String wallClockNow() {
        return "CAST(NOW(6) AS CHAR)";
    }

    @Override
    List<String> typesTable(String table) {
        return List.of("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, amount DECIMAL(30,10), at DATETIME(6), "
                + "born DATE, clock TIME(6), raw VARBINARY(8), ref UUID, doc JSON)",
                "INSERT INTO " + table + " VALUES (1, 12345678901234567890.0123456789, '2024-02-29 23:59:59.123456', "
                + "'0001-01-01', '24:00:00', X'00FF10', '1b4e28ba-2fa1-11d2-883f-0016d3cca412', '{\"a\": [1, 2]}')");
    }

    @Test
    void validateAsksForThePrivilegeThatShowsTransactionsInFlight() throws Exception {
        String table = table("grants");
        String user = "cqrs_reader_" + SEQUENCE.incrementAndGet();
        String database;
        try (Connection connection = DATABASE.connect()) {
            database = connection.getCatalog();
        }
        execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY)", "CREATE USER '" + user + "'@'%'",
                "GRANT SELECT ON `" + database + "`.* TO '" + user + "'@'%'");
        try {
            Map<String, String> config = sourceConfig(prefix("grants"));
            config.put("mode", "incrementing");
            config.put("incrementing.column.name", "id");
            config.put("table.include.list", table);
            config.put("connection.user", user);
            config.put("connection.password", "");

            Map<String, List<String>> problems = problems(config);
            assertThat(problems).containsOnlyKeys("connection.user");
            assertThat(problems.get("connection.user").get(0)).contains("GRANT PROCESS");

            execute("GRANT PROCESS ON *.* TO '" + user + "'@'%'");
            assertThat(problems(config)).isEmpty();
        } finally {
            execute("DROP USER '" + user + "'@'%'");
        }
    }

    @Test
    void aTimestampIsCapturedAsItsInstantWhateverTheSessionZones() throws Exception {
        String table = table("instants");
        execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, at TIMESTAMP(6) NULL, wall DATETIME(6))",
                "SET time_zone = '+05:30'", "INSERT INTO " + table + " VALUES (1, '2024-02-29 23:59:59.123456', "
                + "'2024-02-29 23:59:59.123456')");
        String prefix = prefix("instants");
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", "bulk");
        config.put("table.include.list", table);
        config.put("poll.interval.ms", "600000");
        start("instants", config);

        Captured record = awaitRecords(topic(prefix, table), 1).get(0);
        assertThat(record.value().schema().field("at").schema().name()).isEqualTo("io.debezium.time.ZonedTimestamp");
        assertThat(record.value().get("at")).isEqualTo("2024-02-29T18:29:59.123456Z");
        assertThat(record.value().get("wall")).isEqualTo(java.time.LocalDateTime.parse("2024-02-29T23:59:59.123456")
                .toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + 123_456L);
    }

    @Test
    void aTimestampColumnOrdersReadsAgainstTheHorizonInUtcWhateverDbTimezoneSays() throws Exception {
        String table = table("instant_ts");
        execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, at TIMESTAMP(6) NOT NULL "
                + "DEFAULT CURRENT_TIMESTAMP(6))", "SET time_zone = '+09:00'",
                "INSERT INTO " + table + " (id) VALUES (1)", "INSERT INTO " + table + " (id) VALUES (2)");
        String prefix = prefix("instant-ts");
        Map<String, String> config = sourceConfig(prefix);
        config.put("mode", "timestamp");
        config.put("timestamp.column.name", "at");
        config.put("table.include.list", table);
        // db.timezone is for DATETIME; read in it, the horizon would lie five hours behind these rows.
        config.put("db.timezone", "-05:00");
        config.put("snapshot.mode", "never"); // the stream alone: its horizon is what is tested
        start("instant-ts", config);

        assertThat(ids(awaitRecords(topic(prefix, table), 2))).containsExactly(1L, 2L);
        execute("SET time_zone = '-03:00'", "INSERT INTO " + table + " (id) VALUES (3)");
        assertThat(ids(awaitRecords(topic(prefix, table), 3))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void schemaListsCaptureTheTablesOfOtherDatabases() throws Exception {
        List<String> databases = captureTheTablesOfListedSchemas("CREATE DATABASE ");
        deleteConnectors();
        databases.forEach(database -> execute("DROP DATABASE " + database));
    }
}
