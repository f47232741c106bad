package io.cqrsconnect.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class RebuildConfigTest {

    @Test
    void overridesAreAJsonObjectOfSettingsTakenAsText() {
        assertThat(RebuildConfig.parseOverrides("{\"field.include.list\": \"id,total\", \"batch.size\": 500}"))
                .isEqualTo(Map.of("field.include.list", "id,total", "batch.size", "500"));
        assertThat(RebuildConfig.parseOverrides("")).isEmpty();
    }

    @Test
    void overridesThatAreNotAnObjectOrChangeWhatARebuildKeepsAreRefusedOnTheirKey() {
        assertThatThrownBy(() -> RebuildConfig.parseOverrides("[1]")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rebuild.config.overrides").hasMessageContaining("JSON object");
        assertThatThrownBy(() -> RebuildConfig.parseOverrides("{\"read.model.generation\": \"7\"}"))
                .hasMessageContaining("cannot change in a rebuild");
        assertThatThrownBy(() -> RebuildConfig.parseOverrides("{oops")).hasMessageContaining("not JSON");
    }

    @Test
    void validateReportsBadOverridesOnTheirKey() {
        List<ConfigValue> result = RebuildConfig.DEFINITION.validate(Map.of(RebuildConfig.CONNECTOR_CONFIG, "orders",
                RebuildConfig.REQUESTED_AT_CONFIG, "2026-12-06T10:00:00Z", "rebuild.kafka.bootstrap.servers",
                "broker:9092", RebuildConfig.OVERRIDES_CONFIG, "{\"name\": \"other\"}"));

        assertThat(result).filteredOn(value -> !value.errorMessages().isEmpty())
                .singleElement().satisfies(value -> {
                    assertThat(value.name()).isEqualTo(RebuildConfig.OVERRIDES_CONFIG);
                    assertThat(value.errorMessages()).singleElement().asString()
                            .contains("'name' cannot change in a rebuild");
                });
    }

    @Test
    void kafkaClientSettingsAreTheOnesUnderThePrefix() {
        RebuildConfig config = new RebuildConfig(Map.of(RebuildConfig.CONNECTOR_CONFIG, "orders",
                RebuildConfig.REQUESTED_AT_CONFIG, "2026-12-06T10:00:00Z",
                "rebuild.kafka.bootstrap.servers", "broker:9092", "rebuild.kafka.security.protocol", "SSL"));

        assertThat(config.kafkaClient()).isEqualTo(Map.of("bootstrap.servers", "broker:9092",
                "security.protocol", "SSL"));
    }
}
