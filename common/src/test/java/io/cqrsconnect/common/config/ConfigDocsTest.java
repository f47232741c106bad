package io.cqrsconnect.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    @Test
    void listsKeysByGroupInOrderWithTypeDefaultValidatorAndImportance() {
        ConfigDef definition = new ConfigDef()
                .define("batch.size", Type.INT, 3000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                        "Rows per statement.", "Writes", 1, Width.SHORT, "Batch size")
                .define("connection.password", Type.PASSWORD, "", Importance.HIGH, "The password.",
                        "Connection", 2, Width.MEDIUM, "Password")
                .define("connection.url", Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "The JDBC URL.", "Connection", 1, Width.LONG, "URL");

        String page = ConfigDocs.markdown("JDBC sink configuration", "Every setting.", definition);

        assertThat(page).startsWith("# JDBC sink configuration\n\nEvery setting.\n\n");
        assertThat(page.indexOf("## Writes")).isLessThan(page.indexOf("## Connection"));
        assertThat(page.indexOf("### `connection.url`")).isLessThan(page.indexOf("### `connection.password`"));
        assertThat(page).contains("### `batch.size`\n\nRows per statement.\n\n- Type: int\n- Default: `3000`\n"
                + "- Valid values: [1,...]\n- Importance: medium\n");
        assertThat(page).contains("### `connection.url`\n\nThe JDBC URL.\n\n- Type: string\n"
                + "- Default: none (required)\n");
        assertThat(page).contains("- Type: password\n- Default: (hidden)\n- Secret: never logged, but Connect's"
                + " REST API shows the value as given");
        assertThat(page).containsOnlyOnce("- Secret: ");
    }
}
