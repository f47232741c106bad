package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import io.cqrsconnect.testing.db.MariaDbDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbSinkDialectIT extends SinkDialectContract {

    @RegisterExtension
    static final MariaDbDatabase DATABASE = new MariaDbDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Test
    void aColumnWithADefaultIsNotRestatedWithoutIt() throws SQLException {
        DATABASE.execute("CREATE TABLE defaulted (id BIGINT PRIMARY KEY, qty INT NOT NULL DEFAULT 0)");
        try (Connection connection = DATABASE.connect()) {
            TableId table = TableId.of("defaulted");
            ColumnDefinition qty = dialect().describeTable(connection, table).orElseThrow().column("qty").orElseThrow();
            assertThat(dialect().widenColumn(connection, table, qty, new ColumnSpec("qty", Schema.INT64_SCHEMA,
                    false))).isInstanceOfSatisfying(ColumnChange.Refused.class, refused -> {
                        assertThat(refused.type()).isEqualTo("BIGINT");
                        assertThat(refused.reason()).contains("DEFAULT 0").contains("by hand");
                    });
        }
    }

    /** Issue 10, item 6: FLOAT, once chosen for float32 fields, refuses the largest float32 values. */
    @Test
    void aFloatColumnOfAFloat32FieldWidensToDoubleWhichHoldsEveryFloat32() throws SQLException {
        DATABASE.execute("CREATE TABLE singles (id BIGINT PRIMARY KEY, ratio FLOAT NOT NULL)");
        ColumnSpec ratio = new ColumnSpec("ratio", Schema.FLOAT32_SCHEMA, false);
        assertThat(dialect().columnType(ratio)).isEqualTo("DOUBLE");
        try (Connection connection = DATABASE.connect()) {
            TableId table = TableId.of("singles");
            ColumnDefinition existing = dialect().describeTable(connection, table).orElseThrow().column("ratio")
                    .orElseThrow();
            ColumnChange change = dialect().widenColumn(connection, table, existing, ratio);
            assertThat(change).isInstanceOfSatisfying(ColumnChange.Widen.class, widen ->
                    assertThat(widen.type()).isEqualTo("DOUBLE"));
            try (var statement = connection.createStatement()) {
                statement.execute(((ColumnChange.Widen) change).statement());
            }
            try (var insert = connection.prepareStatement("INSERT INTO singles VALUES (1, ?), (2, ?), (3, ?)")) {
                insert.setFloat(1, Float.MAX_VALUE);
                insert.setFloat(2, -Float.MAX_VALUE);
                insert.setFloat(3, Float.MIN_VALUE);
                insert.executeUpdate();
            }
            try (var rows = connection.createStatement().executeQuery("SELECT ratio, id FROM singles ORDER BY id")) {
                java.util.List<Float> read = new java.util.ArrayList<>();
                while (rows.next()) {
                    read.add((float) rows.getDouble(1));
                }
                assertThat(read).as("NOT NULL kept, every float32 held")
                        .containsExactly(Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE);
            }
        }
    }

    @Test
    void relaxingNullabilityKeepsTheCollationAndLeavesADefaultedColumnAlone() throws SQLException {
        DATABASE.execute("CREATE TABLE strict_notes (id BIGINT PRIMARY KEY, "
                + "note VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, "
                + "status VARCHAR(10) NOT NULL DEFAULT 'NEW')");
        try (Connection connection = DATABASE.connect()) {
            TableId table = TableId.of("strict_notes");
            TableDefinition definition = dialect().describeTable(connection, table).orElseThrow();

            String relax = dialect().relaxNullability(connection, table, definition.column("note").orElseThrow())
                    .orElseThrow();
            try (var statement = connection.createStatement()) {
                statement.execute(relax);
            }
            assertThat(catalog(connection, "note")).as("still utf8mb4_bin, now nullable").isEqualTo("YES utf8mb4_bin NULL");

            assertThat(dialect().relaxNullability(connection, table, definition.column("status").orElseThrow()))
                    .as("restating the column would drop its DEFAULT").isEmpty();
            assertThat(catalog(connection, "status")).startsWith("NO ").endsWith(" 'NEW'");
        }
    }

    private static String catalog(Connection connection, String column) throws SQLException {
        try (var query = connection.prepareStatement("SELECT IS_NULLABLE, COLLATION_NAME, COLUMN_DEFAULT FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'strict_notes' "
                + "AND COLUMN_NAME = ?")) {
            query.setString(1, column);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3);
            }
        }
    }
}
