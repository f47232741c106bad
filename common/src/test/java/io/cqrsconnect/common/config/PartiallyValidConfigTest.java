package io.cqrsconnect.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class PartiallyValidConfigTest {

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define("connection.url", Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Where.")
            .define("batch.size", Type.INT, 100, Range.atLeast(1), Importance.MEDIUM, "How many.")
            .define("mode", Type.STRING, "plain", Importance.MEDIUM, "How.")
            .define("mode.field", Type.STRING, "", Importance.MEDIUM, "With what.")
            .define("min", Type.INT, 1, Importance.LOW, "Lowest.")
            .define("max", Type.INT, 10, Importance.LOW, "Highest.");

    private static final ConfigRules<AbstractConfig> RULES = new ConfigRules<AbstractConfig>()
            .add(List.of("mode", "mode.field"), (config, problems) -> {
                if (config.getString("mode").equals("field") && config.getString("mode.field").isEmpty()) {
                    problems.add("mode.field", "name the field when mode=field");
                }
            })
            .add(List.of("min", "max"), (config, problems) -> {
                if (config.getInt("max") < config.getInt("min")) {
                    problems.add("max", "max must not be below min");
                }
            })
            .add(List.of("batch.size", "max"), (config, problems) -> problems.add("batch.size", "judged the default"));

    /** What validate() answers: Kafka's per-key check, then the rules over what parsed. */
    private static Config validate(Map<String, String> originals) {
        Config result = new Config(DEFINITION.validate(originals));
        PartiallyValidConfig partial = PartiallyValidConfig.of(DEFINITION, originals, result);
        AbstractConfig config = new AbstractConfig(partial.definition(), partial.validOriginals());
        ConfigProblems problems = new ConfigProblems();
        RULES.check(config, partial.invalidKeys(), problems);
        problems.add("old.key", "renamed new.key");
        problems.addTo(result);
        return result;
    }

    private static List<String> errors(Config result, String key) {
        return result.configValues().stream().filter(value -> value.name().equals(key)).findFirst()
                .map(ConfigValue::errorMessages).orElseThrow();
    }

    @Test
    void rulesRunOverWhatParsedAndARuleReadingAnInvalidValueIsSkipped() {
        // a missing required value and an out-of-range one, plus two broken rules
        Config result = validate(Map.of("batch.size", "0", "mode", "field", "min", "5", "max", "2"));

        assertThat(errors(result, "connection.url")).singleElement().asString().contains("connection.url");
        assertThat(errors(result, "batch.size")).singleElement().asString().contains("at least 1");
        assertThat(errors(result, "mode.field")).containsExactly("name the field when mode=field");
        assertThat(errors(result, "max")).containsExactly("max must not be below min");
    }

    @Test
    void aProblemOnAKeyTheDefinitionLacksIsAddedAsAValueOfItsOwn() {
        Config result = validate(Map.of("connection.url", "http://es:9200"));

        assertThat(errors(result, "old.key")).containsExactly("renamed new.key");
        assertThat(errors(result, "batch.size")).containsExactly("judged the default"); // all valid: every rule ran
    }

    @Test
    void invalidKeysStandAtTheirDefaultsOrNull() {
        Map<String, String> originals = Map.of("batch.size", "-1", "connection.url", "");
        PartiallyValidConfig partial = PartiallyValidConfig.of(DEFINITION, originals,
                new Config(DEFINITION.validate(originals)));

        AbstractConfig config = new AbstractConfig(partial.definition(), partial.validOriginals());

        assertThat(partial.invalidKeys()).containsExactlyInAnyOrder("batch.size", "connection.url");
        assertThat(partial.allValid()).isFalse();
        assertThat(config.getInt("batch.size")).isEqualTo(100);
        assertThat(config.getString("connection.url")).isNull();
    }
}
