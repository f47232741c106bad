package io.cqrsconnect.jdbc.common;

import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * Builds one SQL statement. Every identifier goes through {@link #identifier(String)}, which quotes it by the
 * dialect's rules, and every value is a bound parameter ({@link #parameter()}): no value is ever spliced into SQL
 * text, so no input can change a statement's meaning.
 */
public final class SqlBuilder {

    private final IdentifierRules rules;
    private final StringBuilder sql = new StringBuilder(256);

    public SqlBuilder(IdentifierRules rules) {
        this.rules = rules;
    }

    /** SQL text that is part of the statement's grammar (keywords, operators); never user data. */
    public SqlBuilder append(String keywords) {
        sql.append(keywords);
        return this;
    }

    /** A quoted identifier: a table or column name. */
    public SqlBuilder identifier(String name) {
        sql.append(rules.quote(name));
        return this;
    }

    /** A table name: its schema (when qualified) and its name, each quoted, joined by a dot. */
    public SqlBuilder table(TableId table) {
        if (table.qualified()) {
            identifier(table.schema()).append(".");
        }
        return identifier(table.name());
    }

    /** A bound-parameter placeholder. */
    public SqlBuilder parameter() {
        sql.append('?');
        return this;
    }

    /** Items separated by {@code ", "}, each appended by {@code appender}. */
    public <T> SqlBuilder list(Collection<T> items, BiConsumer<SqlBuilder, T> appender) {
        return list(items, ", ", appender);
    }

    /** Items separated by {@code separator}, each appended by {@code appender}. */
    public <T> SqlBuilder list(Collection<T> items, String separator, BiConsumer<SqlBuilder, T> appender) {
        boolean first = true;
        for (T item : items) {
            if (!first) {
                sql.append(separator);
            }
            appender.accept(this, item);
            first = false;
        }
        return this;
    }

    /** Quoted identifiers separated by commas. */
    public SqlBuilder identifiers(Collection<String> names) {
        return list(names, SqlBuilder::identifier);
    }

    /** The identifier rules this builder quotes with. */
    public IdentifierRules rules() {
        return rules;
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
