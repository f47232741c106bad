package io.cqrsconnect.jdbc.common;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a source needs from a database: how each column of a result becomes a Connect field with nothing lost, how
 * a column that orders reads is kept in an offset, how a query is limited and a user's query wrapped, and, the core
 * of commit-safe capture, what the database says about write transactions still in flight.
 *
 * <p>Why the last one: a query-based source that remembers the highest id or timestamp it read skips every row a
 * transaction commits later with a smaller id or an older timestamp (ids and default timestamps are taken when a
 * row is written, not when it commits). {@link #commitHorizon} tells how far back such rows can still appear, from
 * the database's own list of open transactions where it has one ({@link CommitSafety#IN_FLIGHT_TRANSACTIONS}),
 * else from a configured look-back window ({@link CommitSafety#LOOK_BACK_WINDOW}).
 *
 * <p>Every statement is built with {@link #sql()}; every value is a bound parameter. A dialect is stateless: one
 * instance serves every task and thread; what a source learns of a table is the source's to keep.
 */
public interface SourceDialect extends JdbcDialect {

    /**
     * How a result column is read: its Connect schema and value reader ({@link SourceColumns#standard} unless the
     * database's driver needs otherwise). Chosen once per query; values are never rounded, cut or shifted in time.
     */
    default SourceColumn sourceColumn(ResultColumn column) {
        return SourceColumns.standard(column);
    }

    /**
     * How a column that orders reads (incrementing id, timestamp, key tie-breaker) is kept in an offset and bound
     * back, or empty when it cannot order reads (e.g. a JSON column).
     */
    default Optional<TrackingKind> trackingKind(ResultColumn column) {
        return TrackingKind.standard(column);
    }

    /**
     * Statements a source's connections run before use: {@link #sessionStatements()}, and what makes the session
     * show values as a source reads them (MySQL: the UTC time zone, so a {@code TIMESTAMP} reads as its instant).
     */
    default List<String> sourceSessionStatements() {
        return sessionStatements();
    }

    /** How this database answers {@link #commitHorizon}. By default it cannot tell: a look-back window. */
    default CommitSafety commitSafety() {
        return CommitSafety.LOOK_BACK_WINDOW;
    }

    /**
     * What the database says now about write transactions still in flight ({@link CommitHorizon}). Read it before
     * the query whose rows it bounds, on a connection that is not inside a transaction of its own.
     *
     * @param lookBack the longest a write transaction may stay open, for databases that cannot tell
     *                 ({@link CommitSafety#LOOK_BACK_WINDOW}); ignored by the others
     * @throws SQLException when the database refuses to tell (e.g. the user lacks the privilege to see other
     *                      sessions' transactions: the message says which to grant)
     */
    default CommitHorizon commitHorizon(Connection connection, Duration lookBack) throws SQLException {
        Instant now = Instant.now();
        return new CommitHorizon(now.minus(lookBack), now);
    }

    /**
     * About how many rows a table holds, for a snapshot's progress (never to decide what is read): by default an
     * exact {@code COUNT(*)}; databases that keep a statistic answer from it, cheaply, and may be off. A negative
     * answer means unknown.
     */
    default long estimateRows(Connection connection, TableId table) throws SQLException {
        String count = sql().append("SELECT COUNT(*) FROM ").table(table).toString();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(count)) {
            return result.next() ? result.getLong(1) : -1;
        }
    }

    /** Appends a limit on the rows of the query built so far, as one bound parameter (the row count). */
    default SqlBuilder limit(SqlBuilder sql) {
        return sql.append(" FETCH FIRST ").parameter().append(" ROWS ONLY");
    }

    /**
     * Appends a user's query as a derived table named {@code alias}, so conditions and order are added around it,
     * never into its text: {@code (query) alias}.
     */
    default SqlBuilder derivedTable(SqlBuilder sql, String query, String alias) {
        return sql.append("(").append(query).append(") ").identifier(alias);
    }
}
