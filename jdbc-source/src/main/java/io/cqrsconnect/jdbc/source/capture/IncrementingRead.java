package io.cqrsconnect.jdbc.source.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cqrsconnect.jdbc.common.CommitHorizon;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A read of the incrementing mode: first the rows that appeared in the gaps held below the highest id (a transaction
 * that committed late), then the rows above it; the gaps the new ids open are held ({@link IdGaps}).
 */
final class IncrementingRead {

    private final CapturePlan plan;
    private final SourceDialect dialect;
    private final Duration lookBack;
    private final TargetRows rows;

    IncrementingRead(CapturePlan plan, SourceDialect dialect, Duration lookBack, TargetRows rows) {
        this.plan = plan;
        this.dialect = dialect;
        this.lookBack = lookBack;
        this.rows = rows;
    }

    /** Reads the next batch, advancing {@code gaps}; each record's offset holds the gaps after it. */
    TargetReader.Batch read(Connection connection, IdGaps gaps, CommitHorizon horizon, int maxRows)
            throws SQLException {
        OrderColumn id = plan.incrementing().orElseThrow();
        List<SourceRecord> records = new ArrayList<>();
        if (!gaps.gaps().isEmpty()) {
            readGaps(connection, gaps, id, records);
            gaps.resolve(horizon);
        }
        SqlBuilder sql = rows.select();
        if (gaps.max() != null) {
            sql.append(" WHERE ").identifier(id.name()).append(" > ").parameter();
        }
        TargetRows.orderBy(sql, List.of(id));
        dialect.limit(sql);
        List<Long> ids = new ArrayList<>();
        List<Struct> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (gaps.max() != null) {
                statement.setLong(index++, gaps.max());
            }
            statement.setInt(index, maxRows);
            try (ResultSet result = statement.executeQuery()) {
                rows.prepare(result);
                int idIndex = rows.indexOf(id.name());
                while (result.next()) {
                    long value = result.getLong(idIndex);
                    if (result.wasNull()) {
                        continue;
                    }
                    ids.add(value);
                    values.add(rows.value(result));
                }
            }
        }
        // A transaction holding a skipped id started before that id's successor committed, so before the query
        // above: the clock read after it is late enough to tell when every such transaction has ended.
        Instant seenAt = null;
        for (int i = 0; i < ids.size(); i++) {
            if (gaps.wouldOpenGap(ids.get(i)) && seenAt == null) {
                seenAt = dialect.commitHorizon(connection, lookBack).observedAt();
            }
            gaps.advance(ids.get(i), seenAt == null ? Instant.EPOCH : seenAt);
            records.add(rows.record(values.get(i), gaps.toOffset()));
        }
        return new TargetReader.Batch(records, ids.size() >= maxRows);
    }

    private void readGaps(Connection connection, IdGaps gaps, OrderColumn id, List<SourceRecord> records)
            throws SQLException {
        List<IdGaps.Gap> ranges = gaps.searchRanges();
        SqlBuilder sql = GapRanges.append(rows.select().append(" WHERE "), ranges, id.name());
        TargetRows.orderBy(sql, List.of(id));
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            GapRanges.bind(statement, 1, ranges);
            try (ResultSet result = statement.executeQuery()) {
                rows.prepare(result);
                int idIndex = rows.indexOf(id.name());
                while (result.next()) {
                    long value = result.getLong(idIndex);
                    if (result.wasNull() || !gaps.inGap(value)) {
                        continue;
                    }
                    Struct row = rows.value(result);
                    gaps.found(value);
                    records.add(rows.record(row, gaps.toOffset()));
                }
            }
        }
    }
}
