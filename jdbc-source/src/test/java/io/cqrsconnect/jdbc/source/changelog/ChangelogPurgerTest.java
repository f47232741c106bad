package io.cqrsconnect.jdbc.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.IdGaps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Purging deletes only changes that were emitted: never a late transaction's row inside a gap. */
class ChangelogPurgerTest {

    private static final String URL = "jdbc:h2:mem:purger;DB_CLOSE_DELAY=-1";
    private static final TableId CHANGELOG = TableId.of("t__changelog");

    private Connection connection;
    private SourceDialect dialect;

    @BeforeEach
    void changelogWithIdsOneToSix() throws SQLException {
        connection = DriverManager.getConnection(URL);
        dialect = Dialects.find(URL, "", "dialect.name", SourceDialect.class);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE \"t__changelog\" (\"cqrs_change_id\" BIGINT PRIMARY KEY)");
            statement.execute("INSERT INTO \"t__changelog\" VALUES (1), (2), (3), (4), (5), (6)");
        }
    }

    @AfterEach
    void drop() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE \"t__changelog\"");
        }
        connection.close();
    }

    @Test
    void acknowledgedChangesGoInRunsAndAnUnreadIdInBetweenStays() throws SQLException {
        ChangelogPurger purger = new ChangelogPurger(dialect);
        purger.acknowledged(CHANGELOG, 5);
        purger.acknowledged(CHANGELOG, 1);
        purger.acknowledged(CHANGELOG, 2);
        purger.acknowledged(CHANGELOG, 6);

        assertThat(purger.purge(connection, 3)).as("at most 3 per poll").isEqualTo(3);
        assertThat(ids()).containsExactly(3L, 4L, 6L);
        assertThat(purger.purge(connection, 3)).isEqualTo(1);
        assertThat(ids()).containsExactly(3L, 4L);
    }

    @Test
    void aRestartSweepsWhatTheOffsetCoversButNotItsGaps() throws SQLException {
        IdGaps progress = IdGaps.fromOffset(Map.of("incrementing", 5L, "gaps", "3:3:0"));
        new ChangelogPurger(dialect).sweep(connection, CHANGELOG, progress);
        assertThat(ids()).containsExactly(3L, 6L);
    }

    private List<Long> ids() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT \"cqrs_change_id\" FROM \"t__changelog\" ORDER BY 1")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
