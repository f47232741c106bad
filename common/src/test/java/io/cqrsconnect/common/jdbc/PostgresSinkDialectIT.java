package io.cqrsconnect.common.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSinkDialectIT extends SinkDialectContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Test
    void aConnectionKilledByTheServerIsTransient() throws SQLException {
        try (Connection victim = DATABASE.connect(); Statement statement = victim.createStatement()) {
            int pid;
            try (ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
                rows.next();
                pid = rows.getInt(1);
            }
            DATABASE.execute("SELECT pg_terminate_backend(" + pid + ")");
            SQLException lost = catchThrowableOfType(SQLException.class, () -> statement.executeQuery("SELECT 1"));
            assertThat(dialect().errors().classify(lost)).isEqualTo(SqlErrorKind.TRANSIENT);
        }
    }
}
