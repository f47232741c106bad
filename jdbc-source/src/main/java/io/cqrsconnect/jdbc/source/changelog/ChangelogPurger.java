package io.cqrsconnect.jdbc.source.changelog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.GapRanges;
import io.cqrsconnect.jdbc.source.capture.IdGaps;

/**
 * Deletes changelog rows once Kafka has acknowledged their records. Acknowledgements arrive on the producer's
 * thread ({@link #acknowledged}); the task's thread deletes them on its own connection at its next poll, in runs
 * of consecutive ids ({@code id BETWEEN ? AND ?}, so only rows that were emitted are ever deleted: a late
 * transaction's row inside a gap is never touched), at most {@code maxRows} ids per poll.
 */
final class ChangelogPurger {

    /** A change whose records Kafka acknowledged. */
    private record Acked(TableId changelog, long id) {
    }

    private final ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    private final SourceDialect dialect;

    ChangelogPurger(SourceDialect dialect) {
        this.dialect = dialect;
    }

    /** Called from any thread once the last record of a change is acknowledged. */
    void acknowledged(TableId changelog, long id) {
        acked.add(new Acked(changelog, id));
    }

    /** Deletes up to {@code maxRows} acknowledged changes; returns how many ids were purged. */
    int purge(Connection connection, int maxRows) throws SQLException {
        Map<TableId, TreeSet<Long>> byChangelog = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        int taken = 0;
        Acked next;
        while (taken < maxRows && (next = acked.poll()) != null) {
            byChangelog.computeIfAbsent(next.changelog(), key -> new TreeSet<>()).add(next.id());
            taken++;
        }
        try {
            for (Map.Entry<TableId, TreeSet<Long>> entry : byChangelog.entrySet()) {
                deleteRuns(connection, entry.getKey(), entry.getValue());
            }
        } catch (SQLException e) {
            // not purged: try again at the next poll
            byChangelog.forEach((changelog, ids) -> ids.forEach(id -> acked.add(new Acked(changelog, id))));
            throw e;
        }
        return taken;
    }

    private void deleteRuns(Connection connection, TableId changelog, TreeSet<Long> ids) throws SQLException {
        List<long[]> runs = new ArrayList<>();
        for (long id : ids) {
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[1] + 1 == id) {
                last[1] = id;
            } else {
                runs.add(new long[] {id, id});
            }
        }
        String sql = dialect.sql().append("DELETE FROM ").table(changelog).append(" WHERE ")
                .identifier(ChangelogLayout.ID).append(" BETWEEN ").parameter().append(" AND ").parameter()
                .toString();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (long[] run : runs) {
                statement.setLong(1, run[0]);
                statement.setLong(2, run[1]);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /**
     * After a restart: deletes the rows the committed offset says were emitted (every id up to its highest outside
     * its gaps), whose acknowledgements a stop may have left unpurged. Skipped when more gaps are held than one
     * statement should carry; the next restart's sweep gets them.
     */
    void sweep(Connection connection, TableId changelog, IdGaps progress) throws SQLException {
        if (progress.max() == null || progress.gaps().size() > 50) {
            return;
        }
        SqlBuilder sql = dialect.sql().append("DELETE FROM ").table(changelog).append(" WHERE ")
                .identifier(ChangelogLayout.ID).append(" <= ").parameter();
        if (!progress.gaps().isEmpty()) {
            GapRanges.append(sql.append(" AND NOT "), progress.gaps(), ChangelogLayout.ID);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setLong(1, progress.max());
            GapRanges.bind(statement, 2, progress.gaps());
            statement.executeUpdate();
        }
    }
}
