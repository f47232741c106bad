package io.cqrsconnect.jdbc.source.changelog;

import java.util.ArrayList;
import java.util.List;

import io.cqrsconnect.jdbc.common.TableId;

/**
 * The shape of one captured table's changelog: a row per change, holding the change's id (increasing, never reused,
 * allocated when the trigger runs, so a transaction that commits later may hold a smaller one), its operation
 * ({@code c}, {@code u}, {@code d}), the writing transaction's id where the database tells it cheaply, the time of
 * the change in epoch milliseconds, and each of the table's own columns twice, {@code before__<column>} and
 * {@code after__<column>}, of the column's own type: values are read back through the same column readers as the
 * table itself, so nothing is lost on the way (no JSON image in between).
 *
 * @param table the captured table
 * @param changelog its changelog table, in the same schema
 * @param columns the captured table's column names, as the database holds them, in the table's order
 */
public record ChangelogLayout(TableId table, TableId changelog, List<String> columns) {

    public static final String ID = "cqrs_change_id";
    public static final String OP = "cqrs_op";
    public static final String TX = "cqrs_tx";
    public static final String TS_MS = "cqrs_ts_ms";
    public static final String BEFORE = "before__";
    public static final String AFTER = "after__";

    public ChangelogLayout {
        columns = List.copyOf(columns);
    }

    public static String before(String column) {
        return BEFORE + column;
    }

    public static String after(String column) {
        return AFTER + column;
    }

    /** Every column the changelog must have for the table as it is now. */
    public List<String> expectedColumns() {
        List<String> expected = new ArrayList<>(List.of(ID, OP, TX, TS_MS));
        columns.forEach(column -> expected.add(before(column)));
        columns.forEach(column -> expected.add(after(column)));
        return expected;
    }

    /** The columns of {@link #expectedColumns} that {@code existing} lacks (compared ignoring case). */
    public List<String> missingFrom(List<String> existing) {
        return expectedColumns().stream()
                .filter(wanted -> existing.stream().noneMatch(name -> name.equalsIgnoreCase(wanted))).toList();
    }

    /** The name of a trigger (or trigger function) of this changelog: the changelog's name and a suffix. */
    public String triggerName(String suffix) {
        return changelog.name() + suffix;
    }
}
