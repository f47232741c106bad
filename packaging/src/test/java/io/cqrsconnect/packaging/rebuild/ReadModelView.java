package io.cqrsconnect.packaging.rebuild;

import java.util.Map;

/**
 * A read model as its readers see it: through its logical name only (a view, an alias), never through one
 * generation's own table or index. The rebuild tests read it while a rebuild switches that name underneath.
 *
 * <p>The model is the one {@link ClockChanges} writes: rows keyed by {@code id}, each with the {@code clock} of its
 * last change, row 0 the clock row that every other change moves forward; {@code note} is the field a rebuild adds.
 */
interface ReadModelView extends AutoCloseable {

    /** One reader's query of the logical name; throws when the name cannot be read (missing, or mid-switch). */
    Observation read() throws Exception;

    /** The clock of every row the logical name shows, once everything written so far is visible. */
    Map<Long, Long> clocks() throws Exception;

    /** Lets go of what the reader holds (a connection). */
    @Override
    void close();

    /**
     * What one read saw.
     *
     * @param rows       rows (documents) the logical name showed
     * @param clock      the clock row's clock, -1 when the row was missing
     * @param extraField whether the clock row had the field the rebuild adds
     */
    record Observation(long rows, long clock, boolean extraField) {
    }
}
