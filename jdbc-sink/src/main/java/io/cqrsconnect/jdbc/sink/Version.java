package io.cqrsconnect.jdbc.sink;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's version, from a resource Maven fills in at build time. */
final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("jdbc-sink-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
