package io.cqrsconnect.jdbc.source;

import java.util.Locale;

import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Snapshots on H2: a commit horizon from the look-back window, and names folded to upper case. */
class H2SnapshotIT extends SnapshotContract {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Override
    String topic(String prefix, String table) {
        return prefix + table.toUpperCase(Locale.ROOT); // H2 stores unquoted names in upper case
    }

    @Override
    String stampedColumn() {
        return "TIMESTAMP(6) DEFAULT LOCALTIMESTAMP";
    }

    @Override
    String clock() {
        return "LOCALTIMESTAMP";
    }

    @Override
    String wallClockNow() {
        return "CAST(LOCALTIMESTAMP AS VARCHAR)";
    }
}
