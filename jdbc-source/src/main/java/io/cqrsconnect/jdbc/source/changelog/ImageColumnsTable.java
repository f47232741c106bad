package io.cqrsconnect.jdbc.source.changelog;

import java.util.ArrayList;
import java.util.List;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;

/**
 * Creates a changelog whose image columns copy the captured columns' exact types by letting the database derive
 * them: {@code CREATE TABLE ... AS SELECT} of the captured table's columns through an outer join that matches no
 * row, so every column has the source column's type (precision, scale, length, array and JSON types included) and
 * accepts NULL, and the table starts empty. The bookkeeping columns and the id are added after it. Used where the
 * database keeps a derived column's declared type and the outer join's nullability (PostgreSQL, H2; not SQLite,
 * nor MySQL/MariaDB, which keeps a key column's NOT NULL).
 */
final class ImageColumnsTable {

    private ImageColumnsTable() {
    }

    /**
     * @param idColumnType the id column's definition after its name: auto-increasing, never reused, primary key
     */
    static List<String> statements(SourceDialect dialect, ChangelogLayout layout, String idColumnType) {
        SqlBuilder create = dialect.sql().append("CREATE TABLE ").table(layout.changelog()).append(" AS SELECT ");
        List<String> images = layout.columns();
        create.list(images, (sql, column) -> sql.append("cqrs_t.").identifier(column).append(" AS ")
                .identifier(ChangelogLayout.before(column)));
        create.append(", ");
        create.list(images, (sql, column) -> sql.append("cqrs_t.").identifier(column).append(" AS ")
                .identifier(ChangelogLayout.after(column)));
        create.append(" FROM (SELECT 1 AS cqrs_one) cqrs_none LEFT JOIN ").table(layout.table())
                .append(" cqrs_t ON 1 = 0 WHERE 1 = 0");
        List<String> statements = new ArrayList<>();
        statements.add(create.toString());
        statements.add(addColumn(dialect, layout, ChangelogLayout.OP, "CHAR(1)"));
        statements.add(addColumn(dialect, layout, ChangelogLayout.TX, "BIGINT"));
        statements.add(addColumn(dialect, layout, ChangelogLayout.TS_MS, "BIGINT"));
        statements.add(addColumn(dialect, layout, ChangelogLayout.ID, idColumnType));
        return statements;
    }

    private static String addColumn(SourceDialect dialect, ChangelogLayout layout, String column, String type) {
        return dialect.sql().append("ALTER TABLE ").table(layout.changelog()).append(" ADD COLUMN ")
                .identifier(column).append(" ").append(type).toString();
    }
}
