package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import io.cqrsconnect.common.values.TimeOfDay;
import io.cqrsconnect.testing.db.SqliteDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SQLite columns read by their declared types from the text they are stored as, with nothing lost. */
class SqliteSourceDialectTest {

    @RegisterExtension
    static final SqliteDatabase DATABASE = new SqliteDatabase();

    private final SourceDialect dialect = Dialects.find(DATABASE.jdbcUrl(), null, "dialect.name",
            SourceDialect.class);

    /**
     * A column declared DECIMAL(p,s) has NUMERIC affinity, so SQLite itself stores a long decimal as a REAL; one
     * declared with TEXT affinity and a decimal name (DECIMAL TEXT, as a table made for exact decimals would be) keeps
     * every digit, and the source reads it as a decimal.
     */
    @Test
    void readsDeclaredTypesFromTheirStoredText() throws Exception {
        DATABASE.execute("CREATE TABLE lite_types (id INTEGER PRIMARY KEY, big INTEGER, amount DECIMAL TEXT, "
                + "at TIMESTAMP, millis DATETIME, day DATE, clock TIME, name TEXT, raw BLOB, ratio REAL)");
        DATABASE.execute("INSERT INTO lite_types VALUES (1, 9223372036854775807, "
                + "'12345678901234567890.12345678901234567890', '2024-02-29 23:59:59.123456789', 1709251199123, "
                + "'2024-02-29', '24:00:00', 'héllo', X'00FF', 0.1)");

        Map<String, SourceRows.Read> row = SourceRows.firstRow(DATABASE, dialect, "SELECT * FROM lite_types");

        assertThat(row.get("big").connectValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(row.get("amount").sinkValue())
                .isEqualTo(new BigDecimal("12345678901234567890.12345678901234567890"));
        assertThat(row.get("at").sinkValue()).isEqualTo(LocalDateTime.parse("2024-02-29T23:59:59.123456789"));
        assertThat(row.get("millis").sinkValue()).isEqualTo(LocalDateTime.parse("2024-02-29T23:59:59.123"));
        assertThat(row.get("day").sinkValue()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(row.get("clock").sinkValue()).isEqualTo(new TimeOfDay(TimeOfDay.NANOS_PER_DAY));
        assertThat(row.get("name").connectValue()).isEqualTo("héllo");
        assertThat((byte[]) row.get("raw").connectValue()).containsExactly(0, -1);
        assertThat(row.get("ratio").connectValue()).isEqualTo(0.1d);
    }
}
