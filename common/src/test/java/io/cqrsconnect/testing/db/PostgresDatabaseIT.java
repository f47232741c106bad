package io.cqrsconnect.testing.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;

import io.cqrsconnect.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDatabaseIT extends TestDatabaseContract {

    @RegisterExtension
    static final PostgresDatabase DB = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DB;
    }

    @Test
    void eachFixtureHasItsOwnDatabaseThatIsDroppedOnClose() throws SQLException {
        String privateName;
        try (PostgresDatabase other = new PostgresDatabase()) {
            other.create("isolation");
            privateName = other.databaseName();
            other.execute("CREATE TABLE only_here (id INTEGER)");
            assertThat(privateName).isNotEqualTo(DB.databaseName());
            assertThat(DB.jdbcUrl()).isNotEqualTo(other.jdbcUrl());
        }
        try (Connection connection = DB.connect();
             var rows = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_database WHERE datname = '" + privateName + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("database dropped on close").isZero();
        }
    }

    @Test
    void anUnreachableServerSaysHowToStartIt() {
        PostgresDatabase nowhere = new PostgresDatabase("jdbc:postgresql://127.0.0.1:" + FreePorts.next(),
                "postgres", "");
        assertThatThrownBy(() -> nowhere.create("unreachable"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL not reachable at jdbc:postgresql://127.0.0.1:")
                .hasMessageContaining("start it with: pg_ctlcluster")
                .hasMessageContaining("CQRS_POSTGRES_URL");
    }
}
