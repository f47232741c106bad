package io.cqrsconnect.jdbc.common.dialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import io.cqrsconnect.jdbc.common.CommitHorizon;

/**
 * MySQL's and MariaDB's open transactions, from {@code information_schema.INNODB_TRX} and the statements running in
 * {@code PROCESSLIST}. Three facts of InnoDB shape the horizon, each pushing it earlier, never later:
 * {@code trx_started} has whole seconds; a statement's {@code NOW()} is taken when the statement starts, a moment
 * before InnoDB lists its transaction (so running statements count from their start, {@code TIME} in whole
 * seconds); and InnoDB refreshes the {@code INNODB_TRX} table from a cache at most every 0.1 s, so a transaction
 * younger than that may be missing (the horizon stays a second behind the clock). Reading {@code INNODB_TRX} needs
 * the {@code PROCESS} privilege, without which {@code PROCESSLIST} would also hide other users' statements.
 */
final class MySqlInFlight {

    private static final Duration CACHE_MARGIN = Duration.ofSeconds(1);
    private static final String QUERY = "SELECT UNIX_TIMESTAMP(NOW(6)), "
            + "(SELECT UNIX_TIMESTAMP(MIN(t.trx_started)) FROM information_schema.INNODB_TRX t "
            + "WHERE t.trx_mysql_thread_id <> CONNECTION_ID()), "
            + "(SELECT MAX(p.TIME) FROM information_schema.PROCESSLIST p "
            + "WHERE p.ID <> CONNECTION_ID() AND p.COMMAND IN ('Query', 'Execute'))";

    private MySqlInFlight() {
    }

    static CommitHorizon read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(QUERY)) {
            row.next();
            Instant now = instant(row.getBigDecimal(1));
            Instant horizon = now.minus(CACHE_MARGIN);
            BigDecimal oldestTransaction = row.getBigDecimal(2);
            if (oldestTransaction != null && instant(oldestTransaction).isBefore(horizon)) {
                horizon = instant(oldestTransaction);
            }
            long longestStatement = row.getLong(3);
            if (!row.wasNull()) {
                Instant statementStart = now.minusSeconds(longestStatement + 1);
                if (statementStart.isBefore(horizon)) {
                    horizon = statementStart;
                }
            }
            return new CommitHorizon(horizon, now);
        } catch (SQLException e) {
            if (e.getErrorCode() == 1227 || "42000".equals(e.getSQLState())) {
                throw new SQLException("MySQL/MariaDB refused to list open transactions (" + e.getMessage()
                        + "): commit-safe reads need GRANT PROCESS ON *.* TO the connector's user", "42501", e);
            }
            throw e;
        }
    }

    private static Instant instant(BigDecimal epochSeconds) {
        long seconds = epochSeconds.longValue();
        long nanos = epochSeconds.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
