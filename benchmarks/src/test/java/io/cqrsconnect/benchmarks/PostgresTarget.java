package io.cqrsconnect.benchmarks;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

import io.cqrsconnect.testing.db.TestDatabase;
import org.postgresql.PGConnection;

/** The benchmark's tables in PostgreSQL: created alike for every contestant, prefilled with COPY, counted after. */
final class PostgresTarget {

    private final TestDatabase database;

    PostgresTarget(TestDatabase database) {
        this.database = database;
    }

    /** Drops and creates {@code table}, then fills it with the workload's prefill rows (version 0). */
    void prepare(String table, Workload workload, long records) throws SQLException, IOException {
        database.execute("DROP TABLE IF EXISTS " + table, String.format(BenchmarkRecords.TABLE_DDL, table));
        long prefill = workload.prefillCount(records);
        if (prefill > 0) {
            try (Connection connection = database.connect()) {
                copy(connection, table, 0, prefill, 0);
            }
        }
        database.execute("VACUUM ANALYZE " + table);
    }

    /**
     * Whether {@code table} holds the given changes (each row in its version, no row for a delete), asked over one
     * connection opened for the run, so polling it does not start a server process each time.
     */
    Arrival arrival(String table, List<Workload.Change> changes) throws SQLException {
        return new Arrival(database.connect(), table, changes);
    }

    /** See {@link #arrival}. */
    static final class Arrival implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement select;
        private final List<Workload.Change> changes;

        private Arrival(Connection connection, String table, List<Workload.Change> changes) throws SQLException {
            this.connection = connection;
            this.select = connection.prepareStatement("SELECT status, amount FROM " + table + " WHERE id = ?");
            this.changes = changes;
        }

        boolean arrived() throws SQLException {
            for (Workload.Change change : changes) {
                select.setLong(1, change.id());
                try (ResultSet row = select.executeQuery()) {
                    boolean found = row.next();
                    if (change.isDelete() ? found : !found || !holds(row, change)) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static boolean holds(ResultSet row, Workload.Change change) throws SQLException {
            return row.getString(1).equals(BenchmarkRecords.status(change.id(), change.version()))
                    && row.getBigDecimal(2).compareTo(BenchmarkRecords.amount(change.id(), change.version())) == 0;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    long count(String table) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** COPYs rows {@code from} (inclusive) to {@code to} (exclusive) in their {@code version}-th form. */
    static void copy(Connection connection, String table, long from, long to, int version)
            throws SQLException, IOException {
        StringBuilder csv = new StringBuilder();
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        String sql = "COPY " + table + " (id, customer, amount, quantity, status, created_at, note) FROM STDIN "
                + "(FORMAT csv)";
        for (long id = from; id < to; id++) {
            String note = BenchmarkRecords.note(id);
            csv.append(id).append(',').append(BenchmarkRecords.customer(id)).append(',')
                    .append(BenchmarkRecords.amount(id, version).toPlainString()).append(',')
                    .append(BenchmarkRecords.quantity(id)).append(',')
                    .append(BenchmarkRecords.status(id, version)).append(',')
                    .append(new Timestamp(BenchmarkRecords.createdAtMillis(id))).append(',')
                    .append(note == null ? "" : '"' + note + '"').append('\n');
            if (csv.length() > 4_000_000) {
                copy.copyIn(sql, new StringReader(csv.toString()));
                csv.setLength(0);
            }
        }
        if (!csv.isEmpty()) {
            copy.copyIn(sql, new StringReader(csv.toString()));
        }
    }
}
