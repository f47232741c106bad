package io.cqrsconnect.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RebuildConfigTest {

    @Test
    void overridesAreAJsonObjectOfSettingsTakenAsText() {
        assertThat(RebuildConfig.parseOverrides("{\"fields.include\": \"id,total\", \"batch.size\": 500}"))
                .isEqualTo(Map.of("fields.include", "id,total", "batch.size", "500"));
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
    void kafkaClientSettingsAreTheOnesUnderThePrefix() {
        RebuildConfig config = new RebuildConfig(Map.of(RebuildConfig.CONNECTOR_CONFIG, "orders",
                RebuildConfig.REQUESTED_AT_CONFIG, "2026-12-06T10:00:00Z",
                "rebuild.kafka.bootstrap.servers", "broker:9092", "rebuild.kafka.security.protocol", "SSL"));

        assertThat(config.kafkaClient()).isEqualTo(Map.of("bootstrap.servers", "broker:9092",
                "security.protocol", "SSL"));
    }
}
