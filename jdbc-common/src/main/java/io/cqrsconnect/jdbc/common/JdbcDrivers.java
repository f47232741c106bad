package io.cqrsconnect.jdbc.common;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Opens connections through the drivers a plugin ships. Inside a Connect worker the drivers sit in the plugin's own
 * directory, where {@link DriverManager}'s scan (of the worker's class path, once per JVM) does not look, so the
 * plugin's class loader is asked first, then {@link DriverManager}.
 */
public final class JdbcDrivers {

    private JdbcDrivers() {
    }

    /** A connection to {@code url} through a driver visible to the JDBC kit's class loader, else DriverManager's. */
    public static Connection connect(String url, Properties properties) throws SQLException {
        for (Driver driver : ServiceLoader.load(Driver.class, JdbcDrivers.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                Connection connection = driver.connect(url, properties);
                if (connection != null) {
                    return connection;
                }
            }
        }
        return DriverManager.getConnection(url, properties);
    }
}
