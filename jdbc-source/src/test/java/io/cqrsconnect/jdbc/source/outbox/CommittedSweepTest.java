package io.cqrsconnect.jdbc.source.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.common.TrackingKind;
import io.cqrsconnect.jdbc.source.capture.IdGaps;
import io.cqrsconnect.jdbc.source.capture.OrderColumn;
import io.cqrsconnect.testing.db.H2Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The start-up sweep deletes what the committed offset says was relayed, and nothing else, in bounded steps. */
class CommittedSweepTest {

    @RegisterExtension
    static final H2Database DATABASE = new H2Database();

    private final SourceDialect dialect = Dialects.find(DATABASE.jdbcUrl(), null, "dialect.name",
            SourceDialect.class);

    @Test
    void rowsAtOrBelowTheCommittedIdGoOutsideTheGapsAndAtMostABatchAtATime() throws Exception {
        DATABASE.execute("CREATE TABLE swept (seq BIGINT PRIMARY KEY)");
        for (int seq = 1; seq <= 9; seq++) {
            DATABASE.execute("INSERT INTO swept VALUES (" + seq + ")");
        }
        DATABASE.execute("DELETE FROM swept WHERE seq = 2"); // deleted by the earlier run
        // Committed: every id up to 7 relayed but 4 and 5, which no transaction had committed yet.
        IdGaps committed = IdGaps.fromOffset(Map.of("incrementing", 7L, "gaps", "4:5:0"));
        CommittedSweep sweep = new CommittedSweep(TableId.of("SWEPT"), new OrderColumn("SEQ", TrackingKind.INTEGER),
                committed);

        List<Integer> batches = new ArrayList<>();
        try (Connection connection = DATABASE.connect()) {
            for (List<RelayedRows.Row> rows = sweep.next(connection, dialect, 2); !rows.isEmpty();
                 rows = sweep.next(connection, dialect, 2)) {
                batches.add(rows.size());
                RelayedRows.delete(connection, dialect, rows);
            }
        }

        assertThat(batches).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(2));
        assertThat(remaining()).containsExactly(4L, 5L, 8L, 9L);
    }

    private static List<Long> remaining() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT seq FROM swept ORDER BY seq")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
