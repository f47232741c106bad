package io.cqrsconnect.elasticsearch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class CustomIndexDefinitionTest {

    private static ElasticsearchSinkConnectorConfig config(String mode, String json) {
        Map<String, String> props = new HashMap<>();
        props.put(ConnectionSettings.CONNECTION_URL_CONFIG, "http://localhost:9200");
        if (mode != null) {
            props.put(MappingSettings.MAPPING_MODE_CONFIG, mode);
        }
        if (json != null) {
            props.put(MappingSettings.MAPPING_CUSTOM_JSON_CONFIG, json);
        }
        return new ElasticsearchSinkConnectorConfig(props);
    }

    @Test
    void aMappingsObjectIsTheMappingsAndSetsNoSettings() {
        CustomIndexDefinition definition = config("custom",
                "{\"dynamic\": \"strict\", \"properties\": {\"status\": {\"type\": \"keyword\"}}}")
                .customIndexDefinition();

        assertThat(definition.mappings()).containsEntry("dynamic", "strict").containsKey("properties");
        assertThat(definition.settings()).isEmpty();
        assertThat(config("CUSTOM", "{\"properties\": {}}").mappingMode()).isEqualTo(MappingMode.CUSTOM);
    }

    @Test
    void aCreateIndexBodyGivesMappingsAndSettingsWhicheverWayTheSettingsAreWritten() {
        CustomIndexDefinition definition = config("custom", "{\"settings\": {\"index\": {\"gc_deletes\": \"2h\"}, "
                + "\"number_of_shards\": 2, \"index.mapping.total_fields.limit\": 50}, "
                + "\"mappings\": {\"properties\": {\"name\": {\"type\": \"text\"}}}}").customIndexDefinition();

        assertThat(definition.mappings()).containsOnlyKeys("properties");
        assertThat(definition.setsSetting("index.gc_deletes")).isTrue();
        assertThat(definition.setsSetting("index.number_of_shards")).isTrue();
        assertThat(definition.setsSetting("index.mapping.total_fields.limit")).isTrue();
        assertThat(definition.setsSetting("index.number_of_replicas")).isFalse();
    }

    @Test
    void brokenJsonIsRejectedNamingTheKeyAndWhere() {
        assertThatThrownBy(() -> config("custom", "{\"properties\": {\"status\": {\"type\": \"keyword\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mapping.custom.json")
                .hasMessageContaining("not a JSON object").hasMessageContaining("line 1");
        assertThatThrownBy(() -> config("custom", "[1, 2]")).hasMessageContaining("mapping.custom.json");
        assertThatThrownBy(() -> config("custom", "{\"properties\": {}, \"properties\": {}}"))
                .hasMessageContaining("mapping.custom.json").hasMessageContaining("properties");
    }

    @Test
    void shapesElasticsearchWouldRefuseAreRejectedSayingWhatToWrite() {
        assertThatThrownBy(() -> config("custom", "{\"status\": {\"type\": \"keyword\"}}"))
                .hasMessageContaining("mapping.custom.json").hasMessageContaining("'status'")
                .hasMessageContaining("\"properties\"");
        assertThatThrownBy(() -> config("custom", "{\"properties\": {\"status\": \"keyword\"}}"))
                .hasMessageContaining("'status'").hasMessageContaining("{\"type\": \"keyword\"}");
        assertThatThrownBy(() -> config("custom", "{\"mappings\": {}, \"aliases\": {\"x\": {}}}"))
                .hasMessageContaining("'aliases'");
        assertThatThrownBy(() -> config("custom", "{\"mappings\": [], \"settings\": {}}"))
                .hasMessageContaining("'mappings' must be a JSON object");
        assertThatThrownBy(() -> config("custom", "{}")).hasMessageContaining("no mappings and no settings");
    }

    @Test
    void customModeNeedsTheMappingAndTheMappingNeedsCustomMode() {
        assertThatThrownBy(() -> config("custom", null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mapping.custom.json").hasMessageContaining("mapping.mode=custom");
        assertThatThrownBy(() -> config("schema", "{\"properties\": {}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mapping.custom.json").hasMessageContaining("mapping.mode=custom");
        assertThat(config(null, null).customIndexDefinition()).isNull();
    }

    @Test
    void theConfigDefValidatorReportsBrokenJsonOnTheKey() {
        Map<String, String> props = Map.of(ConnectionSettings.CONNECTION_URL_CONFIG,
                "http://localhost:9200", MappingSettings.MAPPING_MODE_CONFIG, "custom",
                MappingSettings.MAPPING_CUSTOM_JSON_CONFIG, "{not json");

        ConfigValue value = ElasticsearchSinkConnectorConfig.CONFIG_DEF.validate(props).stream()
                .filter(v -> v.name().equals(MappingSettings.MAPPING_CUSTOM_JSON_CONFIG))
                .findFirst().orElseThrow();

        assertThat(value.errorMessages()).singleElement().asString().contains("not a JSON object");
    }

    @Test
    void nestedFlatAndUnprefixedSettingsHaveOneFlatName() {
        assertThat(FlatSettingNames.of(Map.of("index", Map.of("gc_deletes", "1h", "mapping",
                Map.of("total_fields", Map.of("limit", 5))), "number_of_replicas", 0, "index.refresh_interval", "1s")))
                .containsExactlyInAnyOrder("index.gc_deletes", "index.mapping.total_fields.limit",
                        "index.number_of_replicas", "index.refresh_interval");
    }
}
