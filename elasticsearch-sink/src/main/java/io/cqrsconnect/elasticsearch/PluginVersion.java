package io.cqrsconnect.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Connect reports for this plugin: the Maven project version, filtered into a resource at build time. */
final class PluginVersion {

    private static final String VERSION = load();

    private PluginVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = PluginVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
