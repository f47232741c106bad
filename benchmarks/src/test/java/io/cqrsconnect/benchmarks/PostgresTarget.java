package io.cqrsconnect.benchmarks;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

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
