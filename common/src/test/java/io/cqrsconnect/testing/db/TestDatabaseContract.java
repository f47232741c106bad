package io.cqrsconnect.testing.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What every {@link TestDatabase} must do, written once and run per database by a subclass. */
abstract class TestDatabaseContract {

    /** The fixture under test, registered as an extension by the subclass. */
    abstract TestDatabase database();

    @Test
    void createsInsertsAndSelectsInItsPrivateDatabase() throws SQLException {
        TestDatabase db = database();
        db.execute("CREATE TABLE fixture_check (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)");
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO fixture_check (id, name) VALUES (?, ?)")) {
            for (int id = 1; id <= 3; id++) {
                insert.setInt(1, id);
                insert.setString(2, "row-" + id);
                insert.executeUpdate();
            }
        }

        List<String> names = new ArrayList<>();
        try (Connection connection = db.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT name FROM fixture_check WHERE id >= ? ORDER BY id");) {
            select.setInt(1, 2);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        assertThat(names).containsExactly("row-2", "row-3");
    }
}
