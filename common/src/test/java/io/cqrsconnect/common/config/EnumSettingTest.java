package io.cqrsconnect.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class EnumSettingTest {

    enum Mode { NONE, KAFKA_OFFSET }

    @Test
    void choicesAreSpelledAsKafkaSpellsThemAndParsedInAnyCase() {
        assertThat(EnumSetting.spellings(Mode.class)).containsExactly("none", "kafka_offset");
        assertThat(EnumSetting.parse(Mode.class, "version.mode", " Kafka_Offset ")).isEqualTo(Mode.KAFKA_OFFSET);
        assertThat(EnumSetting.recommender(Mode.class).validValues("version.mode", Map.of()))
                .containsExactly("none", "kafka_offset");
        EnumSetting.validator(Mode.class).ensureValid("version.mode", "NONE");
    }

    @Test
    void anUnknownChoiceNamesTheKeyAndTheChoices() {
        assertThatThrownBy(() -> EnumSetting.parse(Mode.class, "version.mode", "kafka.offset"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("version.mode").hasMessageContaining("[none, kafka_offset]");
        assertThatThrownBy(() -> EnumSetting.validator(Mode.class).ensureValid("version.mode", "offset"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("version.mode");
    }
}
