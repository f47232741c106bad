package io.cqrsconnect.jdbc.source.config;

/**
 * How DECIMAL/NUMERIC columns reach Connect ({@code decimal.handling.mode}, Debezium's name and values). Change it
 * only with a new schema representation our sinks read back.
 */
public enum DecimalHandling {
    /** Exact: Connect's {@code Decimal} for {@code DECIMAL(p,s)}, Debezium's {@code VariableScaleDecimal} else. */
    PRECISE,
    /** Best fit for consumers without decimal support: FLOAT64, which may lose digits beyond its 15-17. */
    DOUBLE,
    /** Exact, as text: the plain decimal notation ({@code 12.50}, never an exponent). */
    STRING
}
