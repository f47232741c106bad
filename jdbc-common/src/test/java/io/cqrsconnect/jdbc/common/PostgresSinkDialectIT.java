package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.cqrsconnect.common.event.SchemalessStructs;
import io.cqrsconnect.testing.db.PostgresDatabase;
import io.cqrsconnect.testing.db.TestDatabase;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSinkDialectIT extends SinkDialectContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Test
    void anExistingColumnDecidesWhetherArraysAreWrittenNativelyOrAsJson() throws SQLException {
        DATABASE.execute("CREATE TABLE held (id BIGINT PRIMARY KEY, tags JSONB, nums BIGINT[], names TEXT[])");
        ColumnSpec id = new ColumnSpec("id", Schema.INT64_SCHEMA, true);
        ColumnSpec tags = new ColumnSpec("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build(), false);
        // Schemaless JSON: [] has no element type; [1, 2] is INT64 for a text[] column.
        ColumnSpec nums = new ColumnSpec("nums", SchemalessStructs.inferSchema(List.of()), false);
        ColumnSpec names = new ColumnSpec("names", SchemaBuilder.array(Schema.OPTIONAL_INT64_SCHEMA).optional()
                .build(), false);
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            TableDefinition table = dialect().describeTable(connection, TableId.of("held")).orElseThrow();
            List<ColumnSpec> columns = List.of(id, dialect().matchExisting(table.column("tags").orElseThrow(), tags),
                    dialect().matchExisting(table.column("nums").orElseThrow(), nums),
                    dialect().matchExisting(table.column("names").orElseThrow(), names));
            assertThat(columns).extracting(ColumnSpec::kind)
                    .containsExactly(ColumnKind.INT64, ColumnKind.JSON, ColumnKind.ARRAY, ColumnKind.ARRAY);
            WriteShape shape = new WriteShape(TableId.of("held"), columns, List.of("id"), null);
            RowWriter writer = new RowWriter(dialect());
            writer.upsert(connection, shape, List.of(new Object[] {1L, List.of("a", "b"), List.of(), List.of(1L, 2L)},
                    new Object[] {2L, null, null, null}));
            writer.update(connection, shape, List.<Object[]>of(new Object[] {2L, List.of(), List.of(), List.of(3L)}));
            connection.commit();
        }
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT tags::text, nums, names FROM held ORDER BY id")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("[\"a\", \"b\"]");
            assertThat((Object[]) rows.getArray(2).getArray()).isEmpty();
            assertThat((Object[]) rows.getArray(3).getArray()).containsExactly("1", "2");
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("[]");
            assertThat((Object[]) rows.getArray(3).getArray()).containsExactly("3");
        }
    }

    @Test
    void aConnectionKilledByTheServerIsTransient() throws SQLException {
        try (Connection victim = DATABASE.connect(); Statement statement = victim.createStatement()) {
            int pid;
            try (ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
                rows.next();
                pid = rows.getInt(1);
            }
            DATABASE.execute("SELECT pg_terminate_backend(" + pid + ")");
            SQLException lost = catchThrowableOfType(SQLException.class, () -> statement.executeQuery("SELECT 1"));
            assertThat(dialect().errors().classify(lost)).isEqualTo(SqlErrorKind.TRANSIENT);
        }
    }
}
