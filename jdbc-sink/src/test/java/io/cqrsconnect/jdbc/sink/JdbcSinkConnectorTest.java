package io.cqrsconnect.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate() against in-process databases: a good configuration, and problems reported on their keys (and refused by
 * a task's start).
 */
class JdbcSinkConnectorTest {

    @TempDir
    Path directory;

    private Map<String, String> config(String url) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSinkConnector.class.getName());
        config.put("topics", "orders");
        config.put("connection.url", url);
        return config;
    }

    private static List<String> errors(Config result, String key) {
        return result.configValues().stream().filter(value -> value.name().equals(key)).findFirst()
                .map(ConfigValue::errorMessages).orElse(List.of());
    }

    private static long errorCount(Config result) {
        return result.configValues().stream().mapToLong(value -> value.errorMessages().size()).sum();
    }

    @Test
    void aGoodConfigurationValidatesWithoutErrors() {
        Config result = new JdbcSinkConnector().validate(config("jdbc:h2:mem:validate_ok"));
        assertThat(errorCount(result)).isZero();
    }

    @Test
    void anUnreachableDatabaseIsReportedOnTheUrl() {
        String url = "jdbc:sqlite:" + directory.resolve("missing/dir/db.sqlite");
        Config result = new JdbcSinkConnector().validate(config(url));
        assertThat(errors(result, "connection.url")).singleElement().asString().contains("cannot connect");
    }

    @Test
    void aRefusedLoginIsReportedOnTheUserAndPasswordNotOnTheUrl() throws Exception {
        String url = "jdbc:h2:mem:validate_login;DB_CLOSE_DELAY=-1";
        try (Connection owner = DriverManager.getConnection(url, "owner", "right")) {
            Map<String, String> config = config(url);
            config.put("connection.user", "owner");
            config.put("connection.password", "wrong");
            Config result = new JdbcSinkConnector().validate(config);
            assertThat(errors(result, "connection.password")).singleElement().asString()
                    .contains("cannot connect as user 'owner'");
            assertThat(errors(result, "connection.user")).hasSize(1);
            assertThat(errors(result, "connection.url")).isEmpty();
            assertThat(owner.isValid(1)).isTrue();
        }
    }

    @Test
    void crossFieldProblemsAndUnknownDialectsAreReportedOnTheirKeys() {
        Map<String, String> config = config("jdbc:h2:mem:validate_cross");
        config.put("pk.mode", "record_value");
        Config result = new JdbcSinkConnector().validate(config);
        assertThat(errors(result, "pk.fields")).singleElement().asString().contains("pk.fields");

        Map<String, String> dialect = config("jdbc:h2:mem:validate_dialect");
        dialect.put("dialect.name", "OracleDialect");
        assertThat(errors(new JdbcSinkConnector().validate(dialect), "dialect.name")).isNotEmpty();
    }

    @Test
    void threeIndependentMistakesAreReportedAtOnceEachOnItsKey() {
        Map<String, String> config = config("jdbc:h2:mem:validate_three");
        config.put("batch.size", "0"); // out of its range: the per-key check
        config.put("pk.mode", "record_value"); // without pk.fields: a cross-field rule
        config.put("retry.backoff.max.ms", "10"); // below retry.backoff.ms' 500: the shared retry rule
        Config result = new JdbcSinkConnector().validate(config);
        assertThat(errors(result, "batch.size")).singleElement().asString().contains("at least 1");
        assertThat(errors(result, "pk.fields")).singleElement().asString().contains("pk.mode=record_value");
        assertThat(errors(result, "retry.backoff.max.ms")).singleElement().asString()
                .contains("retry.backoff.ms");
        assertThat(errorCount(result)).isEqualTo(3);
    }

    @Test
    void aValueThatDoesNotParseDoesNotHideTheRulesBetweenTheOthers() {
        Map<String, String> config = config("jdbc:h2:mem:validate_parse");
        config.put("table.name.format", "${partition}"); // passes its own check, fails to parse
        config.put("pk.mode", "record_value");
        config.put("pk.fields", "id");
        config.put("field.exclude.list", "id"); // the key field excluded: refused on pk.fields
        Config result = new JdbcSinkConnector().validate(config);
        assertThat(errors(result, "table.name.format")).singleElement().asString().contains("${partition}");
        assertThat(errors(result, "pk.fields")).singleElement().asString()
                .contains("field 'id' is excluded by field.exclude.list");
        assertThat(errorCount(result)).isEqualTo(2);
    }

    @Test
    void aRuleWithAnInvalidInputIsSkippedAndTheOthersStillRun() {
        Map<String, String> config = config("jdbc:h2:mem:validate_skipped");
        config.put("insert.mode", "merge"); // invalid: the pk.mode=none rule needs it, so it is skipped
        config.put("pk.mode", "none");
        config.put("delete.enabled", "true"); // pk.mode=none writes no key to delete by: still reported
        Config result = new JdbcSinkConnector().validate(config);
        assertThat(errors(result, "insert.mode")).singleElement().asString().contains("merge");
        assertThat(errors(result, "pk.mode")).isEmpty();
        assertThat(errors(result, "delete.enabled")).singleElement().asString().contains("pk.mode=none");
        assertThat(errorCount(result)).isEqualTo(2);
    }

    @Test
    void aSchemaInTheTableNameFormatIsRefusedWhereTheDatabaseHasNone() {
        Map<String, String> config = config("jdbc:sqlite:" + directory.resolve("schemas.db"));
        config.put("table.name.format", "readmodels.${topic}");
        assertThat(errors(new JdbcSinkConnector().validate(config), "table.name.format")).singleElement().asString()
                .contains("sqlite dialect has no schemas").contains("readmodels_${source.table}");

        JdbcSinkTask task = new JdbcSinkTask();
        task.initialize(new RecordingTaskContext(false));
        try {
            assertThatThrownBy(() -> task.start(config)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("table.name.format").hasMessageContaining("has no schemas");
        } finally {
            task.stop();
        }

        Map<String, String> h2 = config("jdbc:h2:mem:validate_schema");
        h2.put("table.name.format", "readmodels.${topic}");
        assertThat(errorCount(new JdbcSinkConnector().validate(h2))).isZero();
    }

    @Test
    void aSchemaInTheOffsetsTableIsRefusedWhereTheDatabaseHasNone() {
        Map<String, String> config = config("jdbc:sqlite:" + directory.resolve("offsets.db"));
        config.put("exactly.once.offsets.table", "connect_offsets.eos");
        assertThat(errorCount(new JdbcSinkConnector().validate(config))).as("unused without exactly-once").isZero();
        config.put("exactly.once.enabled", "true");
        assertThat(errors(new JdbcSinkConnector().validate(config), "exactly.once.offsets.table")).singleElement()
                .asString().contains("sqlite dialect has no schemas").contains("e.g. eos");

        Map<String, String> h2 = config("jdbc:h2:mem:validate_offsets_schema");
        h2.put("exactly.once.enabled", "true");
        h2.put("exactly.once.offsets.table", "connect_offsets.eos");
        assertThat(errorCount(new JdbcSinkConnector().validate(h2))).isZero();
    }

    @Test
    void startRefusesConflictingSettings() {
        Map<String, String> config = config("jdbc:h2:mem:x");
        config.put("pk.mode", "none");
        assertThatThrownBy(() -> new JdbcSinkConnector().start(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pk.mode");
    }

    @Test
    void everyTaskGetsTheConnectorsSettings() {
        JdbcSinkConnector connector = new JdbcSinkConnector();
        connector.start(config("jdbc:h2:mem:x"));
        assertThat(connector.taskConfigs(3)).hasSize(3).allSatisfy(task ->
                assertThat(task).containsEntry("connection.url", "jdbc:h2:mem:x"));
        assertThat(connector.taskClass()).isEqualTo(JdbcSinkTask.class);
        assertThat(connector.version()).isNotBlank().isNotEqualTo("unknown");
    }
}
