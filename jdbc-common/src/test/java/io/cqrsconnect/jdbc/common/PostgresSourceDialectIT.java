package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cqrsconnect.common.values.TimeOfDay;
import io.cqrsconnect.testing.db.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL columns read into Connect with nothing lost, and the horizon from its open transactions. */
class PostgresSourceDialectIT {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    private final SourceDialect dialect = Dialects.find(DATABASE.jdbcUrl(), null, "dialect.name",
            SourceDialect.class);

    @Test
    void readsEveryColumnTypeExactly() throws Exception {
        DATABASE.execute("CREATE TABLE pg_types (id bigint PRIMARY KEY, small smallint, amount numeric(30,10), "
                + "free numeric, at timestamp(6), at_zone timestamptz, day date, clock time(6), ref uuid, "
                + "doc jsonb, raw bytea, tags int4[], names text[], flag boolean, ratio real)");
        DATABASE.execute("INSERT INTO pg_types VALUES (1, -7, 12345678901234567890.0123456789, "
                + "-0.000000000000000000000000000001234, '2024-02-29 23:59:59.123456', "
                + "'2024-02-29 23:59:59.654321+05:30', '0001-01-01', '24:00:00', "
                + "'1b4e28ba-2fa1-11d2-883f-0016d3cca412', '{\"a\": [1, 2]}', '\\x00ff10', '{1,NULL,3}', "
                + "'{x,\"y z\"}', true, 0.1)");

        Map<String, SourceRows.Read> row = SourceRows.firstRow(DATABASE, dialect, "SELECT * FROM pg_types");

        assertThat(row.get("id").connectValue()).isEqualTo(1L);
        assertThat(row.get("small").connectValue()).isEqualTo((short) -7);
        assertThat(row.get("amount").sinkValue()).isEqualTo(new BigDecimal("12345678901234567890.0123456789"));
        assertThat(row.get("free").sinkValue()).isEqualTo(new BigDecimal("-0.000000000000000000000000000001234"));
        assertThat(row.get("at").sinkValue()).isEqualTo(LocalDateTime.parse("2024-02-29T23:59:59.123456"));
        assertThat(OffsetDateTime.parse((String) row.get("at_zone").connectValue()).toInstant())
                .isEqualTo(Instant.parse("2024-02-29T18:29:59.654321Z"));
        assertThat(row.get("day").sinkValue()).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(row.get("clock").sinkValue()).isEqualTo(new TimeOfDay(TimeOfDay.NANOS_PER_DAY));
        assertThat(row.get("ref").sinkValue()).isEqualTo(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca412"));
        assertThat(row.get("doc").connectValue()).isEqualTo("{\"a\": [1, 2]}");
        assertThat((byte[]) row.get("raw").connectValue()).containsExactly(0, -1, 16);
        assertThat(row.get("tags").connectValue()).isEqualTo(Arrays.asList(1, null, 3));
        assertThat(row.get("names").connectValue()).isEqualTo(List.of("x", "y z"));
        assertThat(row.get("flag").connectValue()).isEqualTo(true);
        assertThat(row.get("ratio").connectValue()).isEqualTo(0.1f);
    }

    @Test
    void anOpenTransactionHoldsTheHorizonAtItsStartEvenBeforeItWrites() throws Exception {
        assertThat(dialect.commitSafety()).isEqualTo(CommitSafety.IN_FLIGHT_TRANSACTIONS);
        DATABASE.execute("CREATE TABLE pg_late (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())");
        try (Connection writer = DATABASE.connect(); Connection reader = DATABASE.connect()) {
            writer.setAutoCommit(false);
            Instant writerStart = scalar(writer, "SELECT now()");

            CommitHorizon whileOpen = dialect.commitHorizon(reader, Duration.ZERO);
            try (Statement statement = writer.createStatement()) {
                statement.execute("INSERT INTO pg_late (id) VALUES (1)");
            }
            Instant stamped = scalar(writer, "SELECT at FROM pg_late WHERE id = 1");
            assertThat(whileOpen.horizon()).isBeforeOrEqualTo(writerStart).isBeforeOrEqualTo(stamped);
            assertThat(dialect.commitHorizon(reader, Duration.ZERO).passed(whileOpen.observedAt())).isFalse();

            writer.commit();
            assertThat(dialect.commitHorizon(reader, Duration.ZERO).passed(whileOpen.observedAt())).isTrue();
        }
    }

    private static Instant scalar(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getObject(1, OffsetDateTime.class).toInstant();
        }
    }
}
