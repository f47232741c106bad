package io.cqrsconnect.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PostgreSQL lists its open transactions: a late commit's changelog id is held until it has ended. */
class PostgresChangelogCaptureIT extends ChangelogCommitOrderContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }

    @Override
    String installedTriggersQuery(String table) {
        return "SELECT count(*) FROM pg_trigger WHERE tgname = '" + table + "__changelog_capture'";
    }

    @Override
    int triggerCount() {
        return 1;
    }

    @Test
    void validateAsksForTheGrantsThatInstallTheChangelog() throws Exception {
        String table = table("grants");
        String role = "cqrs_changelog_" + SEQUENCE.incrementAndGet();
        createTable(table);
        execute("CREATE ROLE " + role + " LOGIN", "GRANT SELECT ON " + table + " TO " + role,
                "GRANT pg_read_all_stats TO " + role);
        try {
            Map<String, String> config = changelogConfig(prefix("grants"), table);
            config.put("connection.user", role);

            Map<String, List<String>> problems = JdbcSourceConnectorContract.problems(config);
            assertThat(problems).containsOnlyKeys("connection.user");
            assertThat(problems.get("connection.user").get(0)).contains("GRANT TRIGGER ON " + table);

            execute("GRANT TRIGGER ON " + table + " TO " + role, "GRANT CREATE ON SCHEMA public TO " + role);
            assertThat(JdbcSourceConnectorContract.problems(config)).isEmpty();
        } finally {
            execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }
}
