package io.cqrsconnect.common.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version every connector and task of this bundle reports to Connect ({@code version()}): the Maven project
 * version, filtered into a resource of this kit at build time. The plugins are released together, so they share it.
 */
public final class PluginVersion {

    private static final String VERSION = load();

    private PluginVersion() {
    }

    /** The version, or {@code unknown} when the resource is missing (a build that skipped resource filtering). */
    public static String get() {
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
