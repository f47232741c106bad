package io.cqrsconnect.jdbc.common;

/** How a database tells a source which rows may still be committed late ({@link SourceDialect#commitHorizon}). */
public enum CommitSafety {
    /**
     * The database lists its open transactions with their start times (PostgreSQL's {@code pg_stat_activity},
     * MySQL's and MariaDB's {@code information_schema.innodb_trx}): the horizon is exact, and no setting guesses it.
     */
    IN_FLIGHT_TRANSACTIONS,
    /**
     * The database cannot tell: the horizon is the clock minus a configured look-back window, and a write
     * transaction that stays open longer than the window can have rows skipped.
     */
    LOOK_BACK_WINDOW
}
