package io.cqrsconnect.jdbc.source;

import java.util.Locale;

import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * H2 runs in this JVM, so it loads the Java trigger class; it cannot list its open transactions, so a late
 * commit's changelog id is held for the look-back window (here longer than the test's pause).
 */
class H2ChangelogCaptureIT extends ChangelogCommitOrderContract {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String stored(String table) {
        return table.toUpperCase(Locale.ROOT);
    }

    @Override
    String changelogSql(String table) {
        return "\"" + stored(table) + "__changelog\"";
    }

    @Override
    String lookBackMs() {
        return "60000";
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }

    @Override
    String installedTriggersQuery(String table) {
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TRIGGERS WHERE EVENT_OBJECT_TABLE = '" + stored(table) + "'";
    }

    @Override
    int triggerCount() {
        return 1;
    }
}
