package io.cqrsconnect.jdbc.common.dialect;

import java.util.List;

import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.WriteShape;

/**
 * The {@code ON CONFLICT (key) DO UPDATE SET c = excluded.c [WHERE stored version <= incoming]} clause that
 * PostgreSQL (9.5+) and SQLite (3.24+) share.
 */
final class OnConflictUpsert {

    private OnConflictUpsert() {
    }

    static void append(SqlBuilder sql, WriteShape shape) {
        sql.append(" ON CONFLICT (").identifiers(shape.keyColumns()).append(") ");
        List<String> values = shape.valueColumnNames();
        if (values.isEmpty()) {
            sql.append("DO NOTHING");
            return;
        }
        sql.append("DO UPDATE SET ").list(values, (builder, column) ->
                builder.identifier(column).append(" = excluded.").identifier(column));
        if (shape.guarded()) {
            String version = shape.versionColumn();
            sql.append(" WHERE ").table(shape.table()).append(".").identifier(version).append(" IS NULL OR ")
                    .table(shape.table()).append(".").identifier(version).append(" <= excluded.")
                    .identifier(version);
        }
    }
}
