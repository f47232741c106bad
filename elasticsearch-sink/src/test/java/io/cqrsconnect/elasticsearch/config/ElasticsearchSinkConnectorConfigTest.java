package io.cqrsconnect.elasticsearch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.config.PartiallyValidConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ElasticsearchSinkConnectorConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put(ConnectionSettings.CONNECTION_URL_CONFIG, "http://localhost:9200");
        return props;
    }

    private static ElasticsearchSinkConnectorConfig config(Map<String, String> props) {
        return new ElasticsearchSinkConnectorConfig(props);
    }

    @Test
    void defaultsAreSafe() {
        ElasticsearchSinkConnectorConfig config = config(minimal());

        assertThat(config.urls()).containsExactly("http://localhost:9200");
        assertThat(config.idStrategy()).isEqualTo(IdStrategy.RECORD_KEY);
        assertThat(config.insertMode()).isEqualTo(InsertMode.INDEX);
        assertThat(config.versioningMode()).isEqualTo(VersioningMode.KAFKA_OFFSET);
        assertThat(config.deleteEnabled()).isTrue();
        assertThat(config.malformedDocumentBehavior()).isEqualTo(MalformedDocumentBehavior.FAIL);
        assertThat(config.hostnameVerification()).isTrue();
        assertThat(config.indexNameTemplate().toString()).isEqualTo("${topic}");
        assertThat(config.batchMaxInFlight()).isEqualTo(2);
        assertThat(config.mappingMode()).isEqualTo(MappingMode.DYNAMIC);
        assertThat(config.stringMapping()).isEqualTo(StringMapping.TEXT_AND_KEYWORD);
        assertThat(config.retryPolicy().maxRetries()).isEqualTo(10);
        assertThat(config.retryPolicy().maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void choicesAreParsedCaseInsensitively() {
        Map<String, String> props = minimal();
        props.put(WriteSettings.INSERT_MODE_CONFIG, "UPSERT");
        props.put(IndexSettings.PK_MODE_CONFIG, "kafka");
        props.put(WriteSettings.VERSION_MODE_CONFIG, "none");
        props.put(WriteSettings.DELETE_ENABLED_CONFIG, "FALSE");
        props.put(BulkSettings.MALFORMED_DOCUMENTS_CONFIG, "warn");

        ElasticsearchSinkConnectorConfig config = config(props);

        assertThat(config.insertMode()).isEqualTo(InsertMode.UPSERT);
        assertThat(config.idStrategy()).isEqualTo(IdStrategy.KAFKA);
        assertThat(config.versioningMode()).isEqualTo(VersioningMode.NONE);
        assertThat(config.deleteEnabled()).isFalse();
        assertThat(config.malformedDocumentBehavior()).isEqualTo(MalformedDocumentBehavior.WARN);
    }

    @Test
    void unknownChoiceNamesTheKeyAndTheChoices() {
        Map<String, String> props = minimal();
        props.put(WriteSettings.INSERT_MODE_CONFIG, "merge");

        assertThatThrownBy(() -> config(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("insert.mode").hasMessageContainingAll("index", "upsert");
    }

    @Test
    void urlsMustBeHttpWithAHost() {
        Map<String, String> props = minimal();
        props.put(ConnectionSettings.CONNECTION_URL_CONFIG, "localhost:9200");

        assertThatThrownBy(() -> config(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("connection.url");
    }

    @Test
    void anExcludedKeyOrVersionFieldIsAProblemOnTheSettingThatNeedsIt() {
        Map<String, String> props = minimal();
        props.put(IndexSettings.PK_MODE_CONFIG, "record_value");
        props.put(IndexSettings.PK_FIELDS_CONFIG, "id");
        props.put(WriteSettings.VERSION_MODE_CONFIG, "field");
        props.put(WriteSettings.VERSION_FIELD_CONFIG, "rev");
        props.put(WriteSettings.FIELD_EXCLUDE_LIST_CONFIG, "id,rev");
        props.put(WriteSettings.FIELD_RENAMES_CONFIG, "broken");

        ConfigDef definition = ElasticsearchSinkConnectorConfig.CONFIG_DEF;
        Map<String, List<String>> problems = ElasticsearchSinkConnectorConfig.problemsOf(PartiallyValidConfig.of(
                definition, props, new Config(definition.validate(props)))).byKey();

        assertThat(problems).containsOnlyKeys("pk.fields", "version.field", "field.renames");
        assertThat(problems.get("pk.fields")).singleElement().asString()
                .contains("'id'", "excluded by field.exclude.list");
        assertThat(problems.get("version.field")).singleElement().asString().contains("'rev'");
    }

    @Test
    void crossFieldRulesNameTheKeyToChange() {
        Map<String, String> valueFields = minimal();
        valueFields.put(IndexSettings.PK_MODE_CONFIG, "record_value");
        assertThatThrownBy(() -> config(valueFields)).hasMessageContaining("pk.fields");

        Map<String, String> versionField = minimal();
        versionField.put(WriteSettings.VERSION_MODE_CONFIG, "field");
        assertThatThrownBy(() -> config(versionField)).hasMessageContaining("version.field");

        Map<String, String> both = minimal();
        both.put(ConnectionSettings.CONNECTION_USER_CONFIG, "writer");
        both.put(ConnectionSettings.CONNECTION_PASSWORD_CONFIG, "secret");
        both.put(ConnectionSettings.CONNECTION_API_KEY_CONFIG, "a2V5");
        assertThatThrownBy(() -> config(both)).hasMessageContaining("connection.api.key")
                .hasMessageNotContaining("a2V5").hasMessageNotContaining("secret");

        Map<String, String> noPassword = minimal();
        noPassword.put(ConnectionSettings.CONNECTION_USER_CONFIG, "writer");
        assertThatThrownBy(() -> config(noPassword)).hasMessageContaining("connection.password");
    }

    @Test
    void deletedVersionsAreKeptAnHourByDefaultAndTheWindowTakesElasticsearchDurations() {
        assertThat(config(minimal()).gcDeletes()).isEqualTo(Duration.ofHours(1));
        assertThat(config(minimal()).gcDeletesSetting()).isEqualTo("1h");

        for (Map.Entry<String, Duration> valid : Map.of("1s", Duration.ofSeconds(1), "90s", Duration.ofSeconds(90),
                "10m", Duration.ofMinutes(10), "2d", Duration.ofDays(2), "1500ms", Duration.ofMillis(1500),
                " 12H ", Duration.ofHours(12)).entrySet()) {
            Map<String, String> props = minimal();
            props.put(WriteSettings.INDEX_GC_DELETES_CONFIG, valid.getKey());
            assertThat(config(props).gcDeletes()).as(valid.getKey()).isEqualTo(valid.getValue());
        }
    }

    @Test
    void aDeletedVersionsWindowWithoutAUnitOrUnderASecondIsRejectedNamingTheKey() {
        for (String invalid : new String[] {"60", "-1", "1 week", "", "1.5h", "999ms", "0s"}) {
            Map<String, String> props = minimal();
            props.put(WriteSettings.INDEX_GC_DELETES_CONFIG, invalid);
            assertThatThrownBy(() -> config(props)).as("'%s'", invalid).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("index.gc.deletes");
        }
        Map<String, String> tooShort = minimal();
        tooShort.put(WriteSettings.INDEX_GC_DELETES_CONFIG, "500ms");
        assertThatThrownBy(() -> config(tooShort)).hasMessageContaining("at least 1s");
    }

    @Test
    void indexTemplateWithForbiddenLiteralIsRejectedUpFront() {
        Map<String, String> props = minimal();
        props.put(IndexSettings.INDEX_NAME_FORMAT_CONFIG, "read/${topic}");

        assertThatThrownBy(() -> config(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("index.name.format").hasMessageContaining("'/'");
    }

    @Test
    void indexTemplateWithUnknownVariableIsRejectedUpFront() {
        Map<String, String> props = minimal();
        props.put(IndexSettings.INDEX_NAME_FORMAT_CONFIG, "${table}");

        assertThatThrownBy(() -> config(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("index.name.format").hasMessageContaining("${table}");
    }

    @Test
    void secretsArePasswordsAndEveryKeyHasAGroupAndDocs() {
        ConfigDef def = ElasticsearchSinkConnectorConfig.CONFIG_DEF;
        for (String secret : new String[] {ConnectionSettings.CONNECTION_PASSWORD_CONFIG,
                ConnectionSettings.CONNECTION_API_KEY_CONFIG,
                ConnectionSettings.TLS_TRUSTSTORE_PASSWORD_CONFIG}) {
            assertThat(def.configKeys().get(secret).type).as(secret).isEqualTo(ConfigDef.Type.PASSWORD);
        }
        def.configKeys().values().forEach(key -> {
            assertThat(key.group).as("group of %s", key.name).isNotBlank();
            assertThat(key.documentation).as("doc of %s", key.name).isNotBlank();
        });
        assertThat(def.groups()).containsExactly("Connection", "Write", "Bulk", "Retries", "Mapping", "Errors");
    }

    @Test
    void passwordNeverAppearsInToString() {
        Map<String, String> props = minimal();
        props.put(ConnectionSettings.CONNECTION_USER_CONFIG, "writer");
        props.put(ConnectionSettings.CONNECTION_PASSWORD_CONFIG, "very-secret-1");

        ElasticsearchSinkConnectorConfig config = config(props);

        assertThat(config.password().value()).isEqualTo("very-secret-1");
        assertThat(config.password().toString()).doesNotContain("very-secret-1");
        assertThat(config.values().toString()).doesNotContain("very-secret-1");
    }
}
