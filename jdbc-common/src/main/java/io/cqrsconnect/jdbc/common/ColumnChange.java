package io.cqrsconnect.jdbc.common;

/**
 * What an existing column needs to hold the values of a field whose schema changed ({@link SinkDialect#widenColumn}):
 * nothing, a widening in place, or something no widening gives without losing data.
 */
public sealed interface ColumnChange {

    /** The column holds the values as it is (or the database will judge each value itself). */
    ColumnChange NONE = new Unchanged();

    /** Nothing to change. */
    record Unchanged() implements ColumnChange {
    }

    /**
     * The column is widened in place.
     *
     * @param type the column's new type, e.g. {@code BIGINT}, {@code NUMERIC(14,4)}
     * @param statement the {@code ALTER TABLE} that widens it, keeping its nullability and its rows
     */
    record Widen(String type, String statement) implements ColumnChange {
    }

    /**
     * The values do not fit the column, and widening it cannot make them fit without losing data (fractions into an
     * integer column, more digits than the database's largest decimal holds), or cannot be done in place.
     *
     * @param type the type the values would need
     * @param reason why the column cannot simply be widened, as a sentence part for an error message
     */
    record Refused(String type, String reason) implements ColumnChange {
    }
}
