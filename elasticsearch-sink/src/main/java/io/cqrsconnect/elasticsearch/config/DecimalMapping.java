package io.cqrsconnect.elasticsearch.config;

/** How a Connect {@code Decimal} field is mapped when the mapping comes from the Connect schema. */
public enum DecimalMapping {
    /** {@code double}: in every distribution; exact in {@code _source}, approximate in range queries past 15 digits. */
    DOUBLE,
    /**
     * {@code scaled_float} with the decimal's scale as its factor: exact for amounts (cents), compact on disk; needs
     * the {@code mapper-extras} module, which full distributions ship.
     */
    SCALED_FLOAT,
    /** {@code keyword}: exact, for identifiers that happen to be decimals; no range arithmetic. */
    KEYWORD
}
