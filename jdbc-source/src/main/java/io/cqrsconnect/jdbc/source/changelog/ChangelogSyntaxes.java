package io.cqrsconnect.jdbc.source.changelog;

import java.util.Map;
import java.util.Optional;

import io.cqrsconnect.jdbc.common.SourceDialect;

/** The changelog syntax of a dialect, by the dialect's name; empty for databases without one (generic JDBC). */
public final class ChangelogSyntaxes {

    private static final Map<String, ChangelogSyntax> BY_DIALECT = Map.of(
            "postgresql", new PostgresChangelogSyntax(),
            "mysql", new MySqlChangelogSyntax(),
            "sqlite", new SqliteChangelogSyntax(),
            "h2", new H2ChangelogSyntax());

    private ChangelogSyntaxes() {
    }

    public static Optional<ChangelogSyntax> of(SourceDialect dialect) {
        return Optional.ofNullable(BY_DIALECT.get(dialect.name()));
    }

    static String unsupported(SourceDialect dialect) {
        return "mode=changelog installs triggers on PostgreSQL, MySQL/MariaDB, SQLite and H2; the " + dialect.name()
                + " dialect has no changelog syntax: use a query-based mode";
    }
}
