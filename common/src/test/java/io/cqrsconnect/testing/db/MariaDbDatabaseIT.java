package io.cqrsconnect.testing.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;

import io.cqrsconnect.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbDatabaseIT extends TestDatabaseContract {

    @RegisterExtension
    static final MariaDbDatabase DB = new MariaDbDatabase();

    @Override
    TestDatabase database() {
        return DB;
    }

    @Test
    void tablesOfOtherFixturesAreInvisible() throws SQLException {
        try (MariaDbDatabase other = new MariaDbDatabase()) {
            other.create("isolation");
            other.execute("CREATE TABLE only_here (id INTEGER)");
            try (Connection connection = DB.connect();
                 var rows = connection.createStatement().executeQuery(
                         "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                                 + "AND table_name = 'only_here'")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    @Test
    void anUnreachableServerSaysHowToStartIt() {
        MariaDbDatabase nowhere = new MariaDbDatabase("jdbc:mariadb://127.0.0.1:" + FreePorts.next(), "root", "");
        assertThatThrownBy(() -> nowhere.create("unreachable"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MariaDB not reachable at jdbc:mariadb://127.0.0.1:")
                .hasMessageContaining("start it with: start-stop-daemon")
                .hasMessageContaining("CQRS_MARIADB_URL");
    }
}
