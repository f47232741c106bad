package io.cqrsconnect.jdbc.common.dialect;

import java.util.List;
import java.util.function.Supplier;

import io.cqrsconnect.jdbc.common.DialectProvider;
import io.cqrsconnect.jdbc.common.JdbcDialect;

/** A provider that claims the JDBC URLs starting with given prefixes, with one score, for one dialect. */
abstract class UrlPrefixDialectProvider implements DialectProvider {

    private final String name;
    private final int score;
    private final Supplier<JdbcDialect> dialect;
    private final List<String> prefixes;

    UrlPrefixDialectProvider(String name, int score, Supplier<JdbcDialect> dialect, String... prefixes) {
        this.name = name;
        this.score = score;
        this.dialect = dialect;
        this.prefixes = List.of(prefixes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int score(String jdbcUrl) {
        return jdbcUrl != null && prefixes.stream().anyMatch(jdbcUrl::startsWith) ? score : NOT_SUPPORTED;
    }

    @Override
    public JdbcDialect create() {
        return dialect.get();
    }
}
