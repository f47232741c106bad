package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Changelog capture on a database where two write transactions run at once (PostgreSQL, MySQL/MariaDB, H2): a
 * change whose transaction took the smaller changelog id and commits after a later one is still captured, once,
 * and purged.
 */
abstract class ChangelogCommitOrderContract extends ChangelogCaptureContract {

    /** The look-back window for databases that cannot list their transactions; long enough for the test's pause. */
    String lookBackMs() {
        return "500";
    }

    @Test
    void aChangeWhoseTransactionCommitsAfterALaterOneIsCaptured() throws Exception {
        String table = table("late");
        createTable(table);
        String prefix = prefix("late");
        Map<String, String> config = changelogConfig(prefix, table);
        config.put("commit.lookback.ms", lookBackMs());
        start("changelog-late", config);
        awaitInstalled(table);

        try (Connection older = database().connect(); Connection newer = database().connect()) {
            older.setAutoCommit(false);
            try (Statement statement = older.createStatement()) {
                statement.execute("INSERT INTO " + table + " VALUES (1, 'older', 1)"); // changelog id 1
            }
            try (Statement statement = newer.createStatement()) {
                statement.execute("INSERT INTO " + table + " VALUES (2, 'newer', 2)"); // id 2, committed first
            }
            // The reader passes the missing id 1 and holds it as a gap.
            assertThat(ids(awaitRecords(topic(prefix, table), 1))).containsExactly(2L);
            older.commit();
        }

        List<Captured> records = awaitRecords(topic(prefix, table), 2);
        assertThat(ids(records)).containsExactly(2L, 1L);
        assertThat(row(records.get(1).value().getStruct("after"))).containsExactly(1L, "older", 1L);
        await().atMost(TIMEOUT).until(() -> count("SELECT COUNT(*) FROM " + changelogSql(table)) == 0);
        assertThat(readAll(topic(prefix, table))).hasSize(2);
    }
}
