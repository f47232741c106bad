package io.cqrsconnect.testing.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedPostgresServerIT extends TestDatabaseContract {

    @RegisterExtension
    static final EmbeddedPostgresServer DB = EmbeddedPostgresServer.withLogicalReplication();

    @Override
    TestDatabase database() {
        return DB;
    }

    @Test
    void runsWithTheServerSettingsTheTestAskedFor() throws SQLException {
        try (Connection connection = DB.connect();
             var rows = connection.createStatement().executeQuery("SHOW wal_level")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("logical");
        }
    }
}
