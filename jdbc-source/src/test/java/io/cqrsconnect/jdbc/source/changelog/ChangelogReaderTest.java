package io.cqrsconnect.jdbc.source.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.Dialects;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.source.capture.CapturePlan;
import io.cqrsconnect.jdbc.source.capture.CapturePlans;
import io.cqrsconnect.jdbc.source.capture.CaptureTarget;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;
import io.cqrsconnect.jdbc.source.config.OutputFormat;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The changelog on an in-memory H2, without Kafka: the installer's DDL and the Java trigger record each change, the
 * reader turns it into envelopes keyed by the primary key, and a change whose transaction took its id early and
 * committed late is read from the gap it left.
 */
class ChangelogReaderTest {

    private static final String URL = "jdbc:h2:mem:changelog_reader;DB_CLOSE_DELAY=-1";
    private static final TableId TABLE = TableId.of("ITEMS");

    private Connection connection;
    private SourceDialect dialect;
    private JdbcSourceConnectorConfig config;
    private ChangelogReader reader;

    @BeforeEach
    void installTheChangelog() throws Exception {
        connection = DriverManager.getConnection(URL);
        dialect = Dialects.find(URL, "", "dialect.name", SourceDialect.class);
        config = new JdbcSourceConnectorConfig(Map.of("connection.url", URL, "mode", "changelog",
                "output.format", "envelope", "commit.lookback.ms", "60000"));
        execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(20), price NUMERIC(10,2))");
        CaptureTarget target = new CaptureTarget.Table(TABLE);
        CapturePlan plan = CapturePlans.plan(connection, dialect, config, target);
        ChangelogLayout layout = ChangelogInstaller.layout(config, plan, TABLE);
        new ChangelogInstaller(dialect, ChangelogSyntaxes.of(dialect).orElseThrow())
                .ensure(connection, layout, true);
        reader = new ChangelogReader(layout, plan, dialect, config.commitLookBack(), OutputFormat.ENVELOPE,
                new ChangeRecords.Origin("shop", "db", "PUBLIC", TABLE.name(), "shop.ITEMS", Map.of("t", "x")),
                null, false);
    }

    @AfterEach
    void dropEverything() throws SQLException {
        execute("DROP ALL OBJECTS");
        connection.close();
    }

    @Test
    void eachChangeBecomesAnEnvelopeKeyedByThePrimaryKeyAndADeleteATombstoneToo() throws SQLException {
        execute("INSERT INTO items VALUES (1, 'tea', 3.50)", "UPDATE items SET price = 3.75 WHERE id = 1",
                "DELETE FROM items WHERE id = 1");

        List<SourceRecord> records = read();

        assertThat(records).hasSize(4);
        assertThat(records).extracting(record -> ((Struct) record.key()).get("ID")).containsOnly(1L);
        Struct created = (Struct) records.get(0).value();
        assertThat(created.getString("op")).isEqualTo("c");
        assertThat(created.get("before")).isNull();
        assertThat(created.getStruct("after").get("PRICE")).isEqualTo(new java.math.BigDecimal("3.50"));
        Struct updated = (Struct) records.get(1).value();
        assertThat(updated.getStruct("before").get("PRICE")).isEqualTo(new java.math.BigDecimal("3.50"));
        assertThat(updated.getStruct("after").get("PRICE")).isEqualTo(new java.math.BigDecimal("3.75"));
        Struct deleted = (Struct) records.get(2).value();
        assertThat(deleted.getString("op")).isEqualTo("d");
        assertThat(deleted.getStruct("before").getString("NAME")).isEqualTo("tea");
        assertThat(deleted.getStruct("source").getString("table")).isEqualTo("ITEMS");
        assertThat(records.get(3).value()).as("tombstone").isNull();
        assertThat(records.get(3).sourceOffset()).isEqualTo(records.get(2).sourceOffset());
    }

    @Test
    void aChangeCommittedAfterALaterOneIsReadFromItsGap() throws SQLException {
        try (Connection late = DriverManager.getConnection(URL)) {
            late.setAutoCommit(false);
            try (Statement statement = late.createStatement()) {
                statement.execute("INSERT INTO items VALUES (1, 'late', 1)"); // changelog id 1, not committed
            }
            execute("INSERT INTO items VALUES (2, 'early', 2)"); // id 2, committed first

            assertThat(read()).extracting(record -> ((Struct) record.key()).get("ID")).containsExactly(2L);
            assertThat(reader.gaps().gaps()).hasSize(1);

            late.commit();
        }
        assertThat(read()).extracting(record -> ((Struct) record.key()).get("ID")).containsExactly(1L);
        assertThat(read()).isEmpty();
    }

    private List<SourceRecord> read() throws SQLException {
        return reader.read(connection, dialect.commitHorizon(connection, Duration.ofMinutes(1)), 100).changes()
                .stream().flatMap(change -> change.records().stream()).toList();
    }

    private void execute(String... sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
