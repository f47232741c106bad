package io.cqrsconnect.jdbc.sink;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

/**
 * A real connection behind a thin proxy, so the writer meets a database a little unlike the tested ones while every
 * statement still runs on the real database: optionally without savepoints (the path of databases whose drivers
 * have none; every tested driver has them), and with a hook that runs on the real connection before each commit
 * (where a test loses the connection at the moment it chooses).
 */
final class ProxiedConnection {

    /** Runs on the real connection before each commit; may throw, in place of the commit. */
    @FunctionalInterface
    interface BeforeCommit {
        BeforeCommit NOTHING = real -> { };

        void run(Connection real) throws SQLException;
    }

    private ProxiedConnection() {
    }

    /** {@code real}, refusing savepoints when {@code savepoints} is false, running {@code beforeCommit} first. */
    static Connection wrap(Connection real, boolean savepoints, BeforeCommit beforeCommit) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "getMetaData" -> {
                    DatabaseMetaData metaData = real.getMetaData();
                    return savepoints ? metaData : withoutSavepoints(metaData);
                }
                case "setSavepoint", "releaseSavepoint" -> {
                    if (!savepoints) {
                        throw new SQLFeatureNotSupportedException("savepoints (refused by the test's proxy)");
                    }
                }
                case "commit" -> beforeCommit.run(real);
                default -> {
                }
            }
            return delegate(real, method, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private static DatabaseMetaData withoutSavepoints(DatabaseMetaData real) {
        return (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) ->
                        method.getName().equals("supportsSavepoints") ? Boolean.FALSE
                                : delegate(real, method, args));
    }

    private static Object delegate(Object real, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the driver's own exception, as the caller would see it
        }
    }
}
