package io.cqrsconnect.jdbc.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.CommitHorizon;
import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import io.cqrsconnect.testing.db.H2Database;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-mode reads against an in-memory H2, with horizons given by the test rather than read from a clock. */
class TargetReaderTest {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    private final SourceDialect dialect = Dialects.find(DATABASE.jdbcUrl(), null, "dialect.name",
            SourceDialect.class);

    @Test
    void aMissingIdIsHeldUntilTheHorizonPassesTheMomentItWasSeen() throws Exception {
        DATABASE.execute("CREATE TABLE gaps (id BIGINT PRIMARY KEY, name VARCHAR(10))",
                "INSERT INTO gaps VALUES (1, 'a')", "INSERT INTO gaps VALUES (3, 'c')");
        try (Connection connection = DATABASE.connect()) {
            TargetReader reader = reader(connection, "gaps", Map.of("mode", "incrementing",
                    "incrementing.column.name", "id"), null);
            Instant start = Instant.now();
            CommitHorizon before = new CommitHorizon(start.minusSeconds(60), start);

            assertThat(ids(reader.read(connection, before, 10).records())).containsExactly(1L, 3L);
            assertThat(reader.gaps().gaps()).extracting(IdGaps.Gap::to).containsExactly(0L, 2L);

            DATABASE.execute("INSERT INTO gaps VALUES (2, 'b')"); // the late commit
            TargetReader.Batch late = reader.read(connection, before, 10);
            assertThat(ids(late.records())).containsExactly(2L);
            assertThat(reader.gaps().gaps()).extracting(IdGaps.Gap::to).containsExactly(0L);

            // A restart from the last offset: nothing again, and the gap below 1 still held until the horizon passes.
            TargetReader restarted = reader(connection, "gaps", Map.of("mode", "incrementing",
                    "incrementing.column.name", "id"), late.records().get(0).sourceOffset());
            assertThat(restarted.read(connection, before, 10).records()).isEmpty();
            restarted.read(connection, new CommitHorizon(Instant.now().plusSeconds(60), Instant.now().plusSeconds(60)),
                    10);
            assertThat(restarted.gaps().gaps()).isEmpty();
        }
    }

    @Test
    void rowsSharingATimestampResumeAfterTheirTieBreakerAndWaitForTheHorizon() throws Exception {
        DATABASE.execute("CREATE TABLE stamped (id BIGINT PRIMARY KEY, at TIMESTAMP(6))");
        for (int id = 1; id <= 5; id++) {
            DATABASE.execute("INSERT INTO stamped VALUES (" + id + ", TIMESTAMP '2024-05-01 10:00:00.000001')");
        }
        DATABASE.execute("INSERT INTO stamped VALUES (6, TIMESTAMP '2024-05-01 10:00:00.000002')");
        Instant horizon = Instant.parse("2024-05-01T10:00:00.000002Z");
        CommitHorizon atSix = new CommitHorizon(horizon, horizon.plusSeconds(1));
        Map<String, String> settings = Map.of("mode", "timestamp", "timestamp.column.name", "at");
        try (Connection connection = DATABASE.connect()) {
            TargetReader reader = reader(connection, "stamped", settings, null);
            TargetReader.Batch first = reader.read(connection, atSix, 2);
            assertThat(ids(first.records())).containsExactly(1L, 2L);
            assertThat(first.full()).isTrue();

            TargetReader restarted = reader(connection, "stamped", settings, first.records().get(1).sourceOffset());
            assertThat(ids(restarted.read(connection, atSix, 10).records())).as("row 6 is at the horizon")
                    .containsExactly(3L, 4L, 5L);
            CommitHorizon later = new CommitHorizon(horizon.plusNanos(1000), horizon.plusSeconds(1));
            assertThat(ids(restarted.read(connection, later, 10).records())).containsExactly(6L);
        }
    }

    private TargetReader reader(Connection connection, String table, Map<String, String> settings,
                                Map<String, ?> offset) throws Exception {
        Map<String, String> config = new HashMap<>(settings);
        config.put("connection.url", DATABASE.jdbcUrl());
        JdbcSourceConnectorConfig parsed = new JdbcSourceConnectorConfig(config);
        CapturePlan plan = CapturePlans.plan(connection, dialect, parsed,
                new CaptureTarget.Table(TableId.of(table.toUpperCase(java.util.Locale.ROOT))));
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = offset == null ? null : (Map<String, Object>) offset;
        return new TargetReader(plan, dialect, ZoneOffset.UTC, Duration.ofSeconds(30), "t.", stored, false);
    }

    private static List<Long> ids(List<SourceRecord> records) {
        return records.stream().map(record -> ((Struct) record.key()).getInt64("ID")).toList();
    }
}
