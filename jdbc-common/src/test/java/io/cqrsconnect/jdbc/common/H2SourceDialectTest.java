package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cqrsconnect.common.values.DebeziumTypes;
import io.cqrsconnect.common.values.TimeOfDay;
import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** H2 columns read into Connect with nothing lost, and H2's look-back horizon. */
class H2SourceDialectTest {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    private final SourceDialect dialect = Dialects.find(DATABASE.jdbcUrl(), null, "dialect.name",
            SourceDialect.class);

    @Test
    void readsEveryColumnTypeExactly() throws Exception {
        DATABASE.execute("CREATE TABLE h2_types (id BIGINT PRIMARY KEY, small SMALLINT, amount NUMERIC(30,10), "
                + "free DECFLOAT, at TIMESTAMP(9), at_zone TIMESTAMP(6) WITH TIME ZONE, birth DATE, clock TIME(6), "
                + "ref UUID, doc JSON, raw VARBINARY(8), tags INTEGER ARRAY, names VARCHAR(10) ARRAY, flag BOOLEAN)");
        DATABASE.execute("INSERT INTO h2_types VALUES (1, -7, 12345678901234567890.0123456789, 1.5E-30, "
                + "TIMESTAMP '2024-02-29 23:59:59.123456789', "
                + "TIMESTAMP WITH TIME ZONE '2024-02-29 23:59:59.654321+05:30', "
                + "DATE '0001-01-01', TIME '23:59:59.999999', '1b4e28ba-2fa1-11d2-883f-0016d3cca412', "
                + "JSON '{\"a\":[1,2]}', X'00FF10', ARRAY[1, NULL, 3], ARRAY['x', 'y'], TRUE)");

        Map<String, SourceRows.Read> row = SourceRows.firstRow(DATABASE, dialect, "SELECT * FROM h2_types");

        assertThat(row.get("id").connectValue()).isEqualTo(1L);
        assertThat(row.get("id").schema().isOptional()).isFalse();
        assertThat(row.get("small").connectValue()).isEqualTo((short) -7);
        assertThat(row.get("amount").sinkValue()).isEqualTo(new BigDecimal("12345678901234567890.0123456789"));
        assertThat((BigDecimal) row.get("free").sinkValue()).isEqualByComparingTo("1.5E-30");
        assertThat(row.get("at").schema().name()).isEqualTo(DebeziumTypes.NANO_TIMESTAMP);
        assertThat(row.get("at").sinkValue()).isEqualTo(LocalDateTime.parse("2024-02-29T23:59:59.123456789"));
        assertThat(OffsetDateTime.parse((String) row.get("at_zone").connectValue()).toInstant())
                .isEqualTo(OffsetDateTime.parse("2024-02-29T23:59:59.654321+05:30").toInstant());
        assertThat(row.get("birth").sinkValue()).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(row.get("clock").sinkValue()).isEqualTo(new TimeOfDay(86_399_999_999_000L));
        assertThat(row.get("ref").sinkValue()).isEqualTo(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca412"));
        assertThat(row.get("doc").schema().name()).isEqualTo(DebeziumTypes.JSON);
        assertThat(((String) row.get("doc").connectValue()).replace(" ", "")).isEqualTo("{\"a\":[1,2]}");
        assertThat((byte[]) row.get("raw").connectValue()).containsExactly(0, -1, 16);
        assertThat(row.get("tags").connectValue()).isEqualTo(java.util.Arrays.asList(1, null, 3));
        assertThat(row.get("names").connectValue()).isEqualTo(List.of("x", "y"));
        assertThat(row.get("flag").connectValue()).isEqualTo(true);
    }

    @Test
    void cannotListOpenTransactionsSoTheHorizonIsTheLookBackWindow() throws Exception {
        assertThat(dialect.commitSafety()).isEqualTo(CommitSafety.LOOK_BACK_WINDOW);
        Instant before = Instant.now();
        try (var connection = DATABASE.connect()) {
            CommitHorizon horizon = dialect.commitHorizon(connection, Duration.ofSeconds(30));
            assertThat(horizon.observedAt()).isAfterOrEqualTo(before);
            assertThat(Duration.between(horizon.horizon(), horizon.observedAt())).isEqualTo(Duration.ofSeconds(30));
        }
    }
}
