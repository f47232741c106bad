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
}
