package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.common.values.TimeOfDay;
import io.cqrsconnect.testing.db.MariaDbDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MariaDB columns read into Connect with nothing lost, and the horizon from InnoDB's open transactions. */
class MariaDbSourceDialectIT {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    private final SourceDialect dialect = Dialects.find(DATABASE.jdbcUrl(), null, "dialect.name",
            SourceDialect.class);

    @Test
    void readsEveryColumnTypeExactly() throws Exception {
        DATABASE.execute("CREATE TABLE my_types (id BIGINT PRIMARY KEY, tiny TINYINT UNSIGNED, "
                + "huge BIGINT UNSIGNED, amount DECIMAL(65,30), at DATETIME(6), day DATE, clock TIME(6), "
                + "raw VARBINARY(8), ratio DOUBLE, name VARCHAR(20), ref UUID, doc JSON)");
        DATABASE.execute("INSERT INTO my_types VALUES (1, 255, 18446744073709551615, "
                + "12345678901234567890123456789012345.123456789012345678901234567890, "
                + "'2024-02-29 23:59:59.123456', '1000-01-01', '24:00:00', X'00FF10', 0.1, 'h\u00e9llo \uD83D\uDE00', "
                + "'1b4e28ba-2fa1-11d2-883f-0016d3cca412', '{\"a\": [1, 2]}')");

        Map<String, SourceRows.Read> row = SourceRows.firstRow(DATABASE, dialect, "SELECT * FROM my_types");

        assertThat(row.get("tiny").connectValue()).isEqualTo((short) 255);
        assertThat(row.get("huge").sinkValue()).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(row.get("amount").sinkValue())
                .isEqualTo(new BigDecimal("12345678901234567890123456789012345.123456789012345678901234567890"));
        assertThat(row.get("at").sinkValue()).isEqualTo(LocalDateTime.parse("2024-02-29T23:59:59.123456"));
        assertThat(row.get("day").sinkValue()).isEqualTo(LocalDate.of(1000, 1, 1));
        assertThat(row.get("clock").sinkValue()).isEqualTo(new TimeOfDay(TimeOfDay.NANOS_PER_DAY));
        assertThat((byte[]) row.get("raw").connectValue()).containsExactly(0, -1, 16);
        assertThat(row.get("ratio").connectValue()).isEqualTo(0.1d);
        assertThat(row.get("name").connectValue()).isEqualTo("h\u00e9llo \uD83D\uDE00");
        assertThat(row.get("ref").sinkValue()).isEqualTo(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca412"));
        assertThat(row.get("doc").schema().name()).isEqualTo(DebeziumTypes.JSON);
        assertThat(row.get("doc").connectValue()).isEqualTo("{\"a\": [1, 2]}");
    }

    @Test
    void anOpenTransactionHoldsTheHorizonAtOrBeforeTheTimeItStamped() throws Exception {
        assertThat(dialect.commitSafety()).isEqualTo(CommitSafety.IN_FLIGHT_TRANSACTIONS);
        DATABASE.execute("CREATE TABLE my_late (id BIGINT PRIMARY KEY, at DATETIME(6) NOT NULL "
                + "DEFAULT CURRENT_TIMESTAMP(6))");
        try (Connection writer = DATABASE.connect(); Connection reader = DATABASE.connect()) {
            writer.setAutoCommit(false);
            try (Statement statement = writer.createStatement()) {
                statement.execute("INSERT INTO my_late (id) VALUES (1)");
            }
            BigDecimal stamped = epoch(writer, "SELECT UNIX_TIMESTAMP(at) FROM my_late WHERE id = 1");
            // Past the horizon's one-second margin, only the open transaction can hold it back.
            await().atMost(Duration.ofSeconds(10)).until(() -> epoch(reader, "SELECT UNIX_TIMESTAMP(NOW(6))")
                    .compareTo(stamped.add(BigDecimal.valueOf(3))) > 0);

            CommitHorizon whileOpen = dialect.commitHorizon(reader, Duration.ZERO);
            assertThat(whileOpen.horizon()).isBeforeOrEqualTo(instant(stamped));
            assertThat(whileOpen.observedAt()).isAfter(instant(stamped).plusSeconds(3));

            writer.commit();
            await().atMost(Duration.ofSeconds(10)).until(() -> dialect.commitHorizon(reader, Duration.ZERO)
                    .passed(whileOpen.observedAt()));
        }
    }

    private static BigDecimal epoch(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getBigDecimal(1);
        }
    }

    private static Instant instant(BigDecimal epochSeconds) {
        return Instant.ofEpochSecond(0, epochSeconds.movePointRight(9).longValueExact());
    }
}
