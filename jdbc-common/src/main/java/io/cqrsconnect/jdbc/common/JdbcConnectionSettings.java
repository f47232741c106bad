package io.cqrsconnect.jdbc.common;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings every JDBC connector reaches its database with, one name and one meaning in the source and the sink:
 * {@value #URL_CONFIG}, {@value #USER_CONFIG}, {@value #PASSWORD_CONFIG} (a secret) and {@value #DIALECT_CONFIG}.
 * What the URL points at and what the user must be allowed to do are each connector's to say.
 */
public final class JdbcConnectionSettings {

    public static final String GROUP = "Connection";
    public static final String URL_CONFIG = "connection.url";
    public static final String USER_CONFIG = "connection.user";
    public static final String PASSWORD_CONFIG = "connection.password";
    public static final String DIALECT_CONFIG = "dialect.name";

    private static final String PASSWORD_DOC = "The database user's password.";
    private static final String DIALECT_DOC = "The SQL dialect to use: postgresql, mysql (MySQL and MariaDB), "
            + "sqlite, h2 or generic (standard SQL). Empty: chosen from the JDBC URL, generic when no other takes it. "
            + "Set it only for a URL no dialect recognizes, such as a proxy's or a wrapping driver's.";

    private JdbcConnectionSettings() {
    }

    /**
     * Defines the four settings in {@value #GROUP}, at positions 1 to 4.
     *
     * @param urlDoc  what the URL is for, with examples
     * @param userDoc who the user is, and the privileges the connector needs
     */
    public static void define(ConfigDef definition, String urlDoc, String userDoc) {
        int order = 0;
        definition.define(URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, urlDoc, GROUP, ++order, Width.LONG, "JDBC URL");
        definition.define(USER_CONFIG, Type.STRING, "", Importance.HIGH, userDoc, GROUP, ++order, Width.MEDIUM,
                "User");
        definition.define(PASSWORD_CONFIG, Type.PASSWORD, new Password(""), Importance.HIGH, PASSWORD_DOC, GROUP,
                ++order, Width.MEDIUM, "Password");
        definition.define(DIALECT_CONFIG, Type.STRING, "", Importance.LOW, DIALECT_DOC, GROUP, ++order,
                Width.MEDIUM, "Dialect", new DialectNames());
    }

    public static String url(AbstractConfig config) {
        return config.getString(URL_CONFIG);
    }

    public static String user(AbstractConfig config) {
        return config.getString(USER_CONFIG);
    }

    public static Password password(AbstractConfig config) {
        return config.getPassword(PASSWORD_CONFIG);
    }

    /** The dialect named, or empty to choose it from the URL. */
    public static String dialect(AbstractConfig config) {
        return config.getString(DIALECT_CONFIG);
    }

    /** Recommends the dialects on the class path. */
    private static final class DialectNames implements ConfigDef.Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return List.copyOf(Dialects.names());
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }
    }

    /**
     * The settings to change when connecting or reading the catalog failed, by the SQLState the driver gave: a login
     * the database refused (class 28) or a privilege the user lacks (42501) are the user's and the password's to
     * fix; anything else (no route, an unknown host or database, a driver that does not take the URL) the URL's.
     */
    public static List<String> keysToChange(SQLException failure) {
        String state = failure.getSQLState();
        if (state != null && state.startsWith("28")) {
            return List.of(USER_CONFIG, PASSWORD_CONFIG);
        }
        return "42501".equals(state) ? List.of(USER_CONFIG) : List.of(URL_CONFIG);
    }
}
