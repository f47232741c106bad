package io.cqrsconnect.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.cqrsconnect.testing.db.TestDatabase;

/**
 * The table the source race captures: an order with a {@code bigint} key, three varchars, a numeric, a boolean, a
 * {@code jsonb} document, a zoned creation time and the {@code updated_at} stamp the timestamp modes track
 * ({@code timestamp} without zone, set from the database's clock, as the commit horizon needs). Filled by one
 * {@code generate_series} insert, so every contestant reads the same rows; change the columns here and in
 * {@link RawSourceCeiling#valueSchema()} together.
 */
final class SourceTable {

    private static final String DDL = "CREATE TABLE %s (id BIGINT PRIMARY KEY, customer VARCHAR(64) NOT NULL, "
            + "email VARCHAR(128) NOT NULL, status VARCHAR(16) NOT NULL, amount NUMERIC(14,2) NOT NULL, "
            + "paid BOOLEAN NOT NULL, attributes JSONB, created_at TIMESTAMPTZ NOT NULL, "
            + "updated_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP, note VARCHAR(200))";

    /** Row {@code g} as a SELECT list over {@code generate_series(...) g}; the stamp passed as the only parameter. */
    private static final String ROW = "g, 'customer-' || (g % 50000), 'customer' || (g % 50000) || '@example.com', "
            + "(ARRAY['NEW','PAID','SHIPPED','DELIVERED','RETURNED'])[1 + g % 5], ((g * 37) % 1000000) / 100.0, "
            + "g % 2 = 0, CASE WHEN g % 4 = 0 THEN NULL ELSE jsonb_build_object('channel', 'web', 'items', g % 7) END, "
            + "TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '1 second', ?, "
            + "CASE WHEN g % 3 = 0 THEN NULL ELSE 'note for order ' || g END";

    private final TestDatabase database;
    private final String name;

    SourceTable(TestDatabase database, String name) {
        this.database = database;
        this.name = name;
    }

    String name() {
        return name;
    }

    /**
     * Creates the table with ids {@code 0..rows-1}, stamped one microsecond apart in the past (distinct stamps, the
     * usual case), and the index a timestamp capture reads by, as its users would create it.
     */
    SourceTable create(long rows) throws SQLException {
        database.execute("DROP TABLE IF EXISTS " + name, String.format(DDL, name),
                "CREATE INDEX " + name + "_updated ON " + name + " (updated_at, id)");
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name + " SELECT "
                     + ROW.replace("?", "LOCALTIMESTAMP - (? - g) * INTERVAL '1 microsecond'")
                     + " FROM generate_series(0, ? - 1) g")) {
            insert.setLong(1, rows);
            insert.setLong(2, rows);
            insert.executeUpdate();
        }
        database.execute("VACUUM ANALYZE " + name);
        return this;
    }

    /**
     * One writer transaction of the steady-change run: {@code updates} existing rows from {@code firstUpdate} get a
     * new amount, status and stamp, and {@code inserts} new rows from {@code firstInsert} appear. Each row changes
     * once per run, so a timestamp capture (which sees a row's last state) and a changelog capture (which sees every
     * change) both emit exactly one record per change.
     */
    void change(Connection connection, long firstUpdate, int updates, long firstInsert, int inserts)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + name + " SET amount = amount + 1, "
                + "status = 'CHANGED', updated_at = LOCALTIMESTAMP WHERE id >= ? AND id < ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name + " SELECT "
                     + ROW.replace("?", "LOCALTIMESTAMP") + " FROM generate_series(?, ? - 1) g")) {
            update.setLong(1, firstUpdate);
            update.setLong(2, firstUpdate + updates);
            update.executeUpdate();
            insert.setLong(1, firstInsert);
            insert.setLong(2, firstInsert + inserts);
            insert.executeUpdate();
        }
        connection.commit();
    }
}
