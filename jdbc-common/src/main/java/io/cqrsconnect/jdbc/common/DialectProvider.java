package io.cqrsconnect.jdbc.common;

/**
 * Makes one dialect available to {@link Dialects}. Implementations are listed in
 * {@code META-INF/services/io.cqrsconnect.jdbc.common.DialectProvider} and must have a public no-argument
 * constructor.
 */
public interface DialectProvider {

    /** No claim on a URL. */
    int NOT_SUPPORTED = 0;
    /** The generic dialect's score: it takes any URL no better dialect claims. */
    int FALLBACK = 1;
    /** The score of a dialect made for the database a URL names. */
    int EXACT = 100;

    /** The dialect's name, as {@code dialect.name} gives it. */
    String name();

    /**
     * How well this dialect fits a JDBC URL: {@link #NOT_SUPPORTED}, {@link #FALLBACK}, {@link #EXACT}, or anything
     * between; the highest score wins.
     */
    int score(String jdbcUrl);

    /**
     * The dialect (dialects are stateless: one instance may be shared). It implements the capability interfaces
     * ({@link SinkDialect}, ...) its database supports.
     */
    JdbcDialect create();
}
