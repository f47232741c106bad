package io.cqrsconnect.jdbc.common.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.cqrsconnect.jdbc.common.CommitHorizon;

/**
 * PostgreSQL's open transactions, from {@code pg_stat_activity}. Every session of this database that is inside a
 * transaction counts, not only those that hold a transaction id: PostgreSQL gives a transaction its id at its first
 * write, while {@code now()} (what a {@code DEFAULT now()} column takes) is the time the transaction started, so a
 * transaction that has not written yet may still write a row stamped with its start. The clock is read as this
 * statement's {@code now()}, which is earlier than anything the statement sees.
 */
final class PostgresInFlight {

    private static final String QUERY = "SELECT now(), "
            + "(SELECT min(a.xact_start) FROM pg_catalog.pg_stat_activity a WHERE a.datname = current_database() "
            + "AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend' AND a.xact_start IS NOT NULL), "
            + "(SELECT count(*) FROM pg_catalog.pg_stat_activity a WHERE a.datname = current_database() "
            + "AND a.pid <> pg_backend_pid() AND a.query = '<insufficient privilege>')";

    private PostgresInFlight() {
    }

    static CommitHorizon read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(QUERY)) {
            row.next();
            Instant now = row.getObject(1, OffsetDateTime.class).toInstant();
            OffsetDateTime oldest = row.getObject(2, OffsetDateTime.class);
            if (row.getLong(3) > 0) {
                // Another user's sessions hide their transactions' start: a horizon without them could pass rows
                // they will still commit.
                throw new SQLException("PostgreSQL hides the transactions of " + row.getLong(3) + " other "
                        + "session(s) from this user, so commit-safe reads cannot see what is in flight: GRANT "
                        + "pg_read_all_stats TO the connector's user (or connect as their owner)", "42501");
            }
            return new CommitHorizon(oldest == null ? now : oldest.toInstant(), now);
        }
    }
}
