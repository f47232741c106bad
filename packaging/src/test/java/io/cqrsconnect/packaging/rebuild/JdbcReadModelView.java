package io.cqrsconnect.packaging.rebuild;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.testing.db.TestDatabase;

/**
 * A JDBC sink's read model read through its view, on one auto-commit connection as a reporting tool would read it.
 * Each read is one statement, so the row count and the clock row come from one snapshot of one generation.
 */
final class JdbcReadModelView implements ReadModelView {

    private final TestDatabase database;
    private final String view;
    private final Connection reader;

    /** @param view the logical name: a lower-case identifier that needs no quoting in any of our databases */
    JdbcReadModelView(TestDatabase database, String view) throws SQLException {
        this.database = database;
        this.view = view;
        this.reader = database.connect();
    }

    @Override
    public Observation read() throws SQLException {
        try (Statement statement = reader.createStatement();
             ResultSet row = statement.executeQuery("SELECT m.*, (SELECT COUNT(*) FROM " + view + ") AS model_rows"
                     + " FROM " + view + " m WHERE m.id = 0")) {
            boolean extraField = hasColumn(row.getMetaData(), "note");
            if (!row.next()) {
                try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + view)) {
                    count.next();
                    return new Observation(count.getLong(1), -1, extraField);
                }
            }
            return new Observation(row.getLong("model_rows"), row.getLong("clock"), extraField);
        }
    }

    @Override
    public Map<Long, Long> clocks() throws SQLException {
        Map<Long, Long> clocks = new HashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, clock FROM " + view)) {
            while (rows.next()) {
                clocks.put(rows.getLong(1), rows.getLong(2));
            }
        }
        return clocks;
    }

    private static boolean hasColumn(ResultSetMetaData columns, String name) throws SQLException {
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            if (columns.getColumnLabel(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not close the reader's connection to " + view, e);
        }
    }
}
