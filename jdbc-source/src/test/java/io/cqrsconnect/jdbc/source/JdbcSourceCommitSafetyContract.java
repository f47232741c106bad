package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Commit safety in a real Connect cluster: a transaction that took the smaller id and the older timestamp and commits
 * after a younger one is still captured, in every incremental mode, exactly once. PostgreSQL and MySQL/MariaDB say
 * what is in flight; on H2 the look-back window (here 15 s, longer than the transaction stays open) holds the gap
 * and the horizon. SQLite writes one transaction at a time, so the younger insert would wait for the older commit:
 * the case cannot happen there.
 */
abstract class JdbcSourceCommitSafetyContract extends JdbcSourceConnectorContract {

    private static final List<String> MODES = List.of("incrementing", "timestamp", "timestamp_incrementing");

    @Test
    void aTransactionWithTheOlderTimestampAndSmallerIdCommittingLastIsCaptured() throws Exception {
        String table = table("late");
        execute("CREATE TABLE " + table + " (id " + autoIdPrimaryKey() + ", name VARCHAR(20), updated_at "
                + stampedColumn() + ")");
        insertNames(table, "seed");
        String prefix = prefix("late");
        for (String mode : MODES) {
            Map<String, String> config = sourceConfig(prefix + mode + "-");
            config.put("mode", mode);
            config.put("incrementing.column.name", "id");
            config.put("timestamp.column.name", "updated_at");
            config.put("table.include.list", table);
            config.put("commit.lookback.ms", "15000"); // databases that say what is in flight ignore it
            // The stream alone: a snapshot would read the seed row again, stamped within the look-back window.
            config.put("snapshot.mode", "never");
            start("late-" + mode.replace('_', '-'), config);
        }
        for (String mode : MODES) {
            awaitRecords(topic(prefix + mode + "-", table), 1);
        }

        try (Connection older = database().connect(); Connection newer = database().connect()) {
            older.setAutoCommit(false);
            try (Statement statement = older.createStatement()) {
                statement.execute("INSERT INTO " + table + " (name) VALUES ('older')"); // id 2, the older stamp
            }
            try (Statement statement = newer.createStatement()) {
                statement.execute("INSERT INTO " + table + " (name) VALUES ('newer')"); // id 3, committed first
            }
            // The incrementing capture reads past the missing id 2 and holds it as a gap.
            assertThat(ids(awaitRecords(topic(prefix + "incrementing-", table), 2))).containsExactly(1L, 3L);
            older.commit();
        }

        for (String mode : MODES) {
            List<Captured> records = awaitRecords(topic(prefix + mode + "-", table), 3);
            assertThat(ids(records)).as(mode).containsExactlyInAnyOrder(1L, 2L, 3L);
            assertThat(records).as(mode).hasSize(3);
        }
        assertThat(ids(readAll(topic(prefix + "timestamp_incrementing-", table)))).as("in timestamp order")
                .containsExactly(1L, 2L, 3L);
    }
}
