package io.cqrsconnect.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConfigProblemsTest {

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define("mode", ConfigDef.Type.STRING, "a", ConfigDef.Importance.HIGH, "the mode")
            .define("secret", ConfigDef.Type.PASSWORD, "", ConfigDef.Importance.HIGH, "a secret");

    @Test
    void everyProblemReachesTheValidateAnswerOnItsKeyEvenTwoOnOneKeyOrAnUnknownKey() {
        ConfigProblems problems = new ConfigProblems().add("mode", "first").add("mode", "second")
                .add("not.defined", "third");
        Config result = new Config(new ArrayList<>(List.of(new ConfigValue("mode"), new ConfigValue("secret"))));

        problems.addTo(result);

        assertThat(errors(result, "mode")).containsExactly("first", "second");
        assertThat(errors(result, "not.defined")).containsExactly("third");
        assertThat(errors(result, "secret")).isEmpty();
    }

    @Test
    void startingFailsOnTheFirstProblemWithoutQuotingASecret() {
        assertThatThrownBy(() -> new ConfigProblems().add("secret", "too short").add("mode", "later")
                .throwFirst(DEFINITION, Map.of("secret", "hunter2", "mode", "b")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("secret").hasMessageContaining("too short")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("later");
        new ConfigProblems().throwFirst(DEFINITION, Map.of()); // nothing to throw
    }

    private static List<String> errors(Config result, String key) {
        return result.configValues().stream().filter(value -> value.name().equals(key)).findFirst()
                .map(ConfigValue::errorMessages).orElseThrow();
    }
}
