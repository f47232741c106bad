package io.cqrsconnect.jdbc.source.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.jdbc.common.ResultColumn;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TrackingKind;
import io.cqrsconnect.jdbc.source.schema.ColumnReaders;
import io.cqrsconnect.jdbc.source.schema.RowConverter;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads every row of one table in keyset chunks ordered by its key columns: {@code SELECT * ... WHERE (key) >
 * (last key read) ORDER BY key LIMIT n}, so memory stays bounded by one chunk whatever the table's size, and each
 * row's offset entries ({@code snapshot.after.<column>}) let a restart resume right after the last row Kafka
 * committed. Each chunk sees the rows committed when it runs: a row changed behind the chunks is caught by the
 * capture that follows the snapshot (the caller's job: the changelog kept from before the start, or the commit
 * horizon taken at the start).
 *
 * <p>Change this class for how a table is walked; the capture modes decide what surrounds the walk.
 */
public final class TableSnapshot {

    /** Offset entries of a snapshot in progress: the key of the last row read, under this prefix and its name. */
    public static final String AFTER_PREFIX = "snapshot.after.";

    /** A row read, with the offset entries that resume after it. */
    public record Row(Struct value, Map<String, Object> position) {
    }

    /** One chunk's rows, and whether it was the table's last (no row follows it). */
    public record Chunk(List<Row> rows, boolean last) {
    }

    private final CapturePlan plan;
    private final SourceDialect dialect;
    private final List<OrderColumn> keys;
    private final SnapshotProgress progress;
    private List<Object> position;
    private RowConverter converter;
    private boolean started;

    private TableSnapshot(CapturePlan plan, SourceDialect dialect, List<OrderColumn> keys, List<Object> position) {
        this.plan = plan;
        this.dialect = dialect;
        this.keys = keys;
        this.position = position;
        this.progress = new SnapshotProgress(((CaptureTarget.Table) plan.target()).id().toString());
    }

    /**
     * The snapshot of a table, from its start; empty when it cannot be walked: a query (never snapshotted: its rows
     * need not have a stable order), or a key column that cannot order reads (e.g. JSON).
     */
    public static Optional<TableSnapshot> start(CapturePlan plan, SourceDialect dialect) {
        return keyOrder(plan, dialect).map(keys -> new TableSnapshot(plan, dialect, keys, null));
    }

    /** The snapshot an offset left in progress, resumed after its last row; empty when the offset holds none. */
    public static Optional<TableSnapshot> resume(CapturePlan plan, SourceDialect dialect,
                                                 Map<String, Object> offset) {
        if (!inProgress(offset)) {
            return Optional.empty();
        }
        return keyOrder(plan, dialect).flatMap(keys -> {
            List<Object> values = new ArrayList<>();
            for (OrderColumn key : keys) {
                Object stored = offset.get(AFTER_PREFIX + key.name());
                if (stored == null) {
                    return Optional.empty(); // another key: the table changed shape; the caller starts over
                }
                values.add(key.kind().fromStored(stored));
            }
            return Optional.of(new TableSnapshot(plan, dialect, keys, values));
        });
    }

    /** True when an offset was written in the middle of a snapshot. */
    public static boolean inProgress(Map<String, Object> offset) {
        return offset != null && offset.keySet().stream().anyMatch(key -> key.startsWith(AFTER_PREFIX));
    }

    private static Optional<List<OrderColumn>> keyOrder(CapturePlan plan, SourceDialect dialect) {
        if (!(plan.target() instanceof CaptureTarget.Table)) {
            return Optional.empty();
        }
        List<OrderColumn> keys = new ArrayList<>();
        for (String key : plan.keyColumns()) {
            ResultColumn column = plan.columns().stream().filter(each -> each.name().equals(key)).findFirst()
                    .orElseThrow();
            Optional<TrackingKind> kind = dialect.trackingKind(column);
            if (kind.isEmpty()) {
                return Optional.empty();
            }
            keys.add(new OrderColumn(key, kind.get()));
        }
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys);
    }

    /** Its progress, for logs and metrics. */
    public SnapshotProgress progress() {
        return progress;
    }

    /** The converter of the last chunk read: the rows' key and value schemas. */
    public RowConverter converter() {
        return converter;
    }

    /** Reads the next chunk of at most {@code maxRows}; on failure the position stays as it was. */
    public Chunk read(Connection connection, int maxRows) throws SQLException {
        if (!started) {
            progress.started(dialect.estimateRows(connection, ((CaptureTarget.Table) plan.target()).id()),
                    position != null);
            started = true;
        }
        SqlBuilder sql = ColumnSelection.selectFrom(dialect.sql(), plan, dialect);
        if (position != null) {
            KeysetCondition.append(sql.append(" WHERE "), keys);
        }
        sql.append(" ORDER BY ").list(keys, (builder, column) -> builder.identifier(column.name()));
        dialect.limit(sql);
        List<Row> rows = new ArrayList<>();
        List<Object> last = position;
        boolean more = false;
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (position != null) {
                index = KeysetCondition.bind(statement, index, keys, position);
            }
            statement.setInt(index, maxRows + 1); // one more than returned tells whether this chunk is the last
            try (ResultSet result = statement.executeQuery()) {
                converter = RowConverter.forResult(converter, new ColumnReaders(dialect, plan.decimals()),
                        result.getMetaData(), plan.keyColumns());
                int[] indexes = new int[keys.size()];
                for (int i = 0; i < keys.size(); i++) {
                    indexes[i] = converter.indexOf(keys.get(i).name());
                }
                while (rows.size() < maxRows && result.next()) {
                    Struct value = converter.value(result);
                    List<Object> key = new ArrayList<>(keys.size());
                    Map<String, Object> entries = new LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        Object part = keys.get(i).kind().read(result, indexes[i]);
                        key.add(part);
                        entries.put(AFTER_PREFIX + keys.get(i).name(), part);
                    }
                    last = key;
                    rows.add(new Row(value, entries));
                }
                more = result.next();
            }
        }
        position = last;
        progress.read(rows.size());
        boolean done = !more;
        if (done) {
            progress.ended();
        }
        return new Chunk(rows, done);
    }
}
