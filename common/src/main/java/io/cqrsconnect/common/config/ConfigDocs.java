package io.cqrsconnect.common.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The reference documentation of a connector's configuration, generated from its {@link ConfigDef} as Markdown, so
 * the docs users read can never drift from the settings the connector accepts. Keys appear by group, in the order the
 * definition lists them.
 */
public final class ConfigDocs {

    /**
     * What every secret setting's entry says: the connector keeps it out of logs, but the Connect REST API shows any
     * value as given, so the way out (Kafka's config providers) belongs next to the setting.
     */
    static final String SECRET_NOTE = "never logged, but Connect's REST API shows the value as given"
            + " (`GET /connectors/{name}/config`): give a config provider placeholder such as"
            + " `${file:/etc/kafka-connect/secrets/connect.properties:password}` instead (README, \"Secrets\")";

    private ConfigDocs() {
    }

    /** A Markdown page: a title, an introduction, then one section per group and one entry per key. */
    public static String markdown(String title, String introduction, ConfigDef definition) {
        StringBuilder page = new StringBuilder("# ").append(title).append("\n\n");
        if (introduction != null && !introduction.isBlank()) {
            page.append(introduction.strip()).append("\n\n");
        }
        page.append("<!-- Generated from the connector's ConfigDef; do not edit by hand. -->\n\n");
        for (Map.Entry<String, List<ConfigDef.ConfigKey>> group : byGroup(definition).entrySet()) {
            page.append("## ").append(group.getKey()).append("\n\n");
            for (ConfigDef.ConfigKey key : group.getValue()) {
                entry(page, key);
            }
        }
        return page.toString();
    }

    private static Map<String, List<ConfigDef.ConfigKey>> byGroup(ConfigDef definition) {
        Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
        for (String group : definition.groups()) {
            groups.put(group, new ArrayList<>());
        }
        List<ConfigDef.ConfigKey> keys = new ArrayList<>(definition.configKeys().values());
        keys.sort((a, b) -> {
            int byGroup = Integer.compare(groupIndex(definition, a), groupIndex(definition, b));
            return byGroup != 0 ? byGroup : Integer.compare(a.orderInGroup, b.orderInGroup);
        });
        for (ConfigDef.ConfigKey key : keys) {
            if (key.internalConfig) {
                continue;
            }
            groups.computeIfAbsent(key.group == null ? "Other" : key.group, g -> new ArrayList<>()).add(key);
        }
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    private static int groupIndex(ConfigDef definition, ConfigDef.ConfigKey key) {
        int index = key.group == null ? -1 : definition.groups().indexOf(key.group);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static void entry(StringBuilder page, ConfigDef.ConfigKey key) {
        page.append("### `").append(key.name).append("`\n\n");
        if (key.documentation != null && !key.documentation.isBlank()) {
            page.append(key.documentation.strip()).append("\n\n");
        }
        page.append("- Type: ").append(key.type.toString().toLowerCase(Locale.ROOT)).append('\n');
        page.append("- Default: ").append(defaultValue(key)).append('\n');
        if (key.validator != null && !key.validator.toString().isBlank()) {
            page.append("- Valid values: ").append(key.validator).append('\n');
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            page.append("- Secret: ").append(SECRET_NOTE).append('\n');
        }
        page.append("- Importance: ").append(key.importance.toString().toLowerCase(Locale.ROOT))
                .append("\n\n");
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "none (required)";
        }
        Object value = key.defaultValue;
        if (value instanceof Password) {
            return "(hidden)";
        }
        if (value == null) {
            return "null";
        }
        String text = ConfigDef.convertToString(value, key.type);
        return text == null || text.isEmpty() ? "\"\"" : "`" + text + "`";
    }
}
