package io.cqrsconnect.common.jdbc;

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
}
