package io.cqrsconnect.jdbc.common;

import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL-standard classification of errors by SQLSTATE class, which PostgreSQL, MariaDB/MySQL and H2 follow:
 * {@code 08} connection exceptions and {@code 40} transaction rollbacks (deadlock, serialization failure) are
 * transient; {@code 22} data exceptions and {@code 23} integrity-constraint violations belong to a record; the rest
 * is fatal. Dialects add what their driver reports differently.
 */
public class SqlErrorClassifier {

    private static final Pattern COLUMN = Pattern.compile("(?i)column\\s+[\"'`]?([^\"'`\\s,)]+)[\"'`]?");

    /** The kind of the error, looking through its chain of next exceptions and causes. */
    public SqlErrorKind classify(SQLException error) {
        SqlErrorKind kind = SqlErrorKind.FATAL;
        for (Throwable each = error; each != null; each = next(each)) {
            if (each instanceof SQLException sql) {
                SqlErrorKind one = classifyOne(sql);
                if (one == SqlErrorKind.TRANSIENT) {
                    return one;
                }
                if (one == SqlErrorKind.RECORD) {
                    kind = one;
                }
            } else if (each instanceof IOException) {
                return SqlErrorKind.TRANSIENT;
            }
        }
        return kind;
    }

    /** The column an error message names, when it names one. */
    public Optional<String> column(SQLException error) {
        for (Throwable each = error; each != null; each = next(each)) {
            if (each.getMessage() != null) {
                Matcher matcher = COLUMN.matcher(each.getMessage());
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * True when a refused row broke a constraint of the table (a duplicate key, NOT NULL, a check, a foreign key)
     * rather than holding a value that does not fit its column: the two need different advice. Reads the SQLSTATE
     * class {@code 23}, or a message that says so where a driver sets no state.
     */
    public boolean violatesConstraint(SQLException error) {
        String state = error.getSQLState();
        return state != null && state.startsWith("23") || error instanceof SQLIntegrityConstraintViolationException
                || error.getMessage() != null && error.getMessage().toLowerCase(Locale.ROOT).contains("constraint");
    }

    /** Classifies a single exception, not its chain. */
    protected SqlErrorKind classifyOne(SQLException error) {
        String state = error.getSQLState();
        if (state != null && state.length() >= 2) {
            switch (state.substring(0, 2)) {
                case "08", "40", "57" -> {
                    // 57: operator intervention, e.g. PostgreSQL's admin shutdown of the backend
                    return state.equals("57014") ? SqlErrorKind.FATAL : SqlErrorKind.TRANSIENT;
                }
                case "22", "23" -> {
                    return SqlErrorKind.RECORD;
                }
                default -> {
                }
            }
        }
        if (error instanceof SQLRecoverableException || error instanceof SQLTransientException
                || error instanceof SQLNonTransientConnectionException) {
            return SqlErrorKind.TRANSIENT;
        }
        if (error instanceof SQLIntegrityConstraintViolationException) {
            return SqlErrorKind.RECORD;
        }
        return SqlErrorKind.FATAL;
    }

    private static Throwable next(Throwable error) {
        if (error instanceof BatchUpdateException || error instanceof SQLException) {
            SQLException next = ((SQLException) error).getNextException();
            if (next != null && next != error) {
                return next;
            }
        }
        Throwable cause = error.getCause();
        return cause == error ? null : cause;
    }
}
