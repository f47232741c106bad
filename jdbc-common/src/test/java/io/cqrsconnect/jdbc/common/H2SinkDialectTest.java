package io.cqrsconnect.jdbc.common;

import io.cqrsconnect.testing.db.H2Database;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2SinkDialectTest extends SinkDialectContract {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    /**
     * H2 alters a table by copying it and dropping the old one, so another session writing it meanwhile finds it
     * missing for a moment (two tasks of one connector, one adding a column: the other's task died of it).
     */
    @Override
    SqlErrorKind missingTableKind() {
        return SqlErrorKind.TRANSIENT;
    }
}
