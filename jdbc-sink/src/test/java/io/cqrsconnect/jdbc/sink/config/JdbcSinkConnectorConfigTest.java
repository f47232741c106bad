package io.cqrsconnect.jdbc.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.TableId;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class JdbcSinkConnectorConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", "jdbc:h2:mem:x");
        return config;
    }

    private static Map<String, String> with(String... pairs) {
        Map<String, String> config = minimal();
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    @Test
    void defaultsUpsertByRecordKeyWithDeletesAndDdl() {
        JdbcSinkConnectorConfig config = new JdbcSinkConnectorConfig(minimal());
        assertThat(config.insertMode()).isEqualTo(JdbcSinkConnectorConfig.InsertMode.UPSERT);
        assertThat(config.primaryKeyMode()).isEqualTo(JdbcSinkConnectorConfig.PrimaryKeyMode.RECORD_KEY);
        assertThat(config.deleteEnabled()).isTrue();
        assertThat(config.autoCreate()).isTrue();
        assertThat(config.autoEvolve()).isTrue();
        assertThat(config.tableNameTemplate().toString()).isEqualTo("${topic}");
        assertThat(config.crossFieldProblems().byKey()).isEmpty();
        assertThat(config.retryPolicy().maxRetries()).isEqualTo(10);
    }

    @Test
    void parsesRenamesAndCaseInsensitiveModes() {
        JdbcSinkConnectorConfig config = new JdbcSinkConnectorConfig(with("field.renames", "a:b, c:d",
                "insert.mode", "INSERT", "pk.mode", "kafka", "delete.enabled", "false"));
        assertThat(config.fieldSelection().renames()).containsExactly(Map.entry("a", "b"), Map.entry("c", "d"));
        assertThat(config.insertMode()).isEqualTo(JdbcSinkConnectorConfig.InsertMode.INSERT);
        assertThat(config.crossFieldProblems().byKey()).isEmpty();
    }

    @Test
    void rejectsMalformedValuesOnTheirKey() {
        assertThatThrownBy(() -> new JdbcSinkConnectorConfig(with("field.renames", "nocolon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("field.renames");
        assertThatThrownBy(() -> new JdbcSinkConnectorConfig(with("field.renames", "a:c,b:c")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("field.renames")
                .hasMessageContaining("fields 'a' and 'b' are both renamed to 'c'");
        assertThatThrownBy(() -> new JdbcSinkConnectorConfig(with("field.include.list", "a,b", "field.exclude.list", "b")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("field.exclude.list")
                .hasMessageContaining("fields both included and excluded: [b]");
        assertThatThrownBy(() -> new JdbcSinkConnectorConfig(with("insert.mode", "merge")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("insert.mode");
        assertThatThrownBy(() -> new JdbcSinkConnectorConfig(with("table.name.format", "${partition}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("table.name.format");
    }

    @Test
    void reportsCrossFieldProblemsOnTheKeyToChange() {
        assertThat(new JdbcSinkConnectorConfig(with("pk.mode", "none", "delete.enabled", "false"))
                .crossFieldProblems().byKey()).containsOnlyKeys("pk.mode");
        assertThat(new JdbcSinkConnectorConfig(with("pk.mode", "record_value")).crossFieldProblems().byKey())
                .containsOnlyKeys("pk.fields");
        assertThat(new JdbcSinkConnectorConfig(with("pk.mode", "kafka", "insert.mode", "insert"))
                .crossFieldProblems().byKey()).containsOnlyKeys("delete.enabled");
        assertThat(new JdbcSinkConnectorConfig(with("version.mode", "field")).crossFieldProblems().byKey())
                .containsOnlyKeys("version.field");
        assertThat(new JdbcSinkConnectorConfig(with("version.mode", "kafka_offset", "insert.mode", "insert"))
                .crossFieldProblems().byKey()).containsOnlyKeys("version.mode");
        // two rules broken on one key: both are reported, the first no longer hidden by the second
        assertThat(new JdbcSinkConnectorConfig(with("version.mode", "kafka_offset", "insert.mode", "insert",
                "pk.mode", "kafka", "delete.enabled", "false")).crossFieldProblems().byKey().get("version.mode"))
                .hasSize(2);
    }

    @Test
    void anExcludedKeyOrVersionFieldIsRefusedOnTheKeyThatNeedsIt() {
        assertThat(new JdbcSinkConnectorConfig(with("pk.mode", "record_value", "pk.fields", "id,name",
                "field.exclude.list", "name")).crossFieldProblems().byKey().get("pk.fields")).singleElement().asString()
                .contains("field 'name' is excluded by field.exclude.list", "pk.fields needs it");
        assertThat(new JdbcSinkConnectorConfig(with("version.mode", "field", "version.field", "ts",
                "field.exclude.list", "ts")).crossFieldProblems().byKey().get("version.field")).singleElement()
                .asString().contains("field 'ts' is excluded by field.exclude.list", "version.field needs it");
        // field.include.list need not list them: key and version columns are always written
        assertThat(new JdbcSinkConnectorConfig(with("pk.mode", "record_value", "pk.fields", "id",
                "version.mode", "field", "version.field", "ts", "field.include.list", "name")).crossFieldProblems()
                .byKey()).isEmpty();
    }

    @Test
    void theOffsetsTableMayNameItsSchema() {
        assertThat(new JdbcSinkConnectorConfig(minimal()).exactlyOnceOffsetsTable())
                .isEqualTo(TableId.of("cqrs_connect_offsets"));
        assertThat(new JdbcSinkConnectorConfig(with("exactly.once.offsets.table", "connect_offsets.eos"))
                .exactlyOnceOffsetsTable()).isEqualTo(new TableId("connect_offsets", "eos"));
        for (String malformed : List.of("a.b.c", "a.", ".b", "")) {
            assertThatThrownBy(() -> new JdbcSinkConnectorConfig(with("exactly.once.offsets.table", malformed)))
                    .as(malformed).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("exactly.once.offsets.table").hasMessageContaining("schema.table");
        }
    }

    @Test
    void thePasswordNeverShowsInTheConfigsText() {
        JdbcSinkConnectorConfig config = new JdbcSinkConnectorConfig(with("connection.password", "s3cret"));
        assertThat(config.connectionPassword().value()).isEqualTo("s3cret");
        assertThat(config.values().toString()).doesNotContain("s3cret");
        assertThat(JdbcSinkConnectorConfig.CONFIG_DEF.configKeys().get("connection.password").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void everyKeyBelongsToAGroupAndHasDocumentation() {
        JdbcSinkConnectorConfig.CONFIG_DEF.configKeys().values().forEach(key -> {
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.documentation).as(key.name).isNotBlank();
        });
    }
}
