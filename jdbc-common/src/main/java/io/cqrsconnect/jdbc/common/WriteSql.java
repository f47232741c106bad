package io.cqrsconnect.jdbc.common;

import java.util.List;

/**
 * A write statement and the order in which each row's values are bound into it.
 *
 * @param sql the statement text, with one {@code ?} per bound value
 * @param rows how many rows one execution carries (a multi-row statement binds {@code parameters} that many times)
 * @param parameters the column names whose values are bound, in order, for one row (a name may repeat, e.g. the
 *                   version column in a guarded UPDATE's SET and WHERE)
 * @param columnar true when each parameter binds one column's values of all rows as an array
 *                 ({@link SinkDialect#bindColumns}), as in PostgreSQL's {@code UNNEST}; false for one value per row
 */
public record WriteSql(String sql, int rows, List<String> parameters, boolean columnar) {

    public WriteSql {
        parameters = List.copyOf(parameters);
    }

    /** A statement binding one value per parameter per row. */
    public WriteSql(String sql, int rows, List<String> parameters) {
        this(sql, rows, parameters, false);
    }
}
