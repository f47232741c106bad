package io.cqrsconnect.jdbc.source.changelog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.cqrsconnect.jdbc.common.SourceDialect;

/**
 * How one database keeps a changelog ({@link ChangelogLayout}): the DDL that creates the changelog table and the
 * triggers that fill it, how to tell the triggers are there, and whether the connector's user may install them.
 * Implementations are stateless; every identifier goes through the dialect's {@link SourceDialect#sql() builder}.
 *
 * <p>Every implementation must keep three promises the reader relies on: the change id only grows and is never
 * reused, even after the rows below it were purged (so {@code IdGaps} can hold the ids of transactions still in
 * flight); the trigger runs inside the writing transaction (a change commits or rolls back with its row); and a row
 * is written after the row lock of the captured row is taken, so two changes of one row are ordered by id as they
 * commit.
 */
public interface ChangelogSyntax {

    /**
     * The statements that create the empty changelog table, each column of an image of the captured column's own
     * type and nullable.
     *
     * @param connection to read the captured table's column types where the DDL needs them spelled out
     */
    List<String> createTable(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException;

    /** The statements that (re)create the triggers filling the changelog on insert, update and delete. */
    List<String> createTriggers(SourceDialect dialect, ChangelogLayout layout);

    /** True when the triggers {@link #createTriggers} creates are installed on the captured table. */
    boolean triggersInstalled(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException;

    /**
     * Why the connection's user cannot install the changelog and its triggers (naming what to grant), or empty when
     * it can.
     */
    Optional<String> installProblem(Connection connection, SourceDialect dialect, ChangelogLayout layout)
            throws SQLException;
}
