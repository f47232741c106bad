package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.sql.Types;

import io.cqrsconnect.common.values.DebeziumTypes;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class DecimalColumnsTest {

    private static final ColumnSpec PRICE = new ColumnSpec("price", Decimal.builder(3).optional().build(), false);
    private static final ColumnSpec EXACT = new ColumnSpec("exact", SchemaBuilder.struct()
            .name(DebeziumTypes.VARIABLE_SCALE_DECIMAL).optional().field("scale", Schema.INT32_SCHEMA)
            .field("value", Schema.BYTES_SCHEMA).build(), false);

    @Test
    void aBoundedDecimalColumnLendsItsBoundsToTheDecimalsWrittenIntoIt() {
        ColumnDefinition bounded = new ColumnDefinition("price", Types.NUMERIC, "numeric", true, 10, 2);

        ColumnSpec matched = DecimalColumns.bounded(bounded, PRICE);
        assertThat(DecimalColumns.isBounded(matched)).isTrue();
        assertThat(ColumnKind.decimalPrecision(matched.schema())).isEqualTo(10);
        assertThat(ColumnKind.decimalScale(matched.schema())).isEqualTo(2);
        assertThat(matched.nullable()).isTrue();
        assertThat(DecimalColumns.bounded(new ColumnDefinition("exact", Types.DECIMAL, "DECIMAL", true, 65, 30),
                EXACT).kind()).as("a variable-scale decimal into DECIMAL(65,30)").isEqualTo(ColumnKind.DECIMAL);
    }

    @Test
    void unboundedColumnsAndOtherFieldsAreLeftAsTheyAre() {
        assertThat(DecimalColumns.bounded(new ColumnDefinition("price", Types.NUMERIC, "numeric", true, 0, 0), PRICE))
                .as("PostgreSQL's plain numeric").isSameAs(PRICE);
        assertThat(DecimalColumns.bounded(new ColumnDefinition("exact", Types.NUMERIC, "DECFLOAT", true, 100_000, 0),
                EXACT)).as("H2's DECFLOAT").isSameAs(EXACT);
        ColumnSpec text = new ColumnSpec("price", Schema.OPTIONAL_STRING_SCHEMA, false);
        assertThat(DecimalColumns.bounded(new ColumnDefinition("price", Types.NUMERIC, "numeric", true, 10, 2), text))
                .isSameAs(text);
        assertThat(DecimalColumns.isBounded(PRICE)).as("a field's own schema bounds nothing").isFalse();
    }

    @Test
    void refusesWhatTheColumnWouldRoundOrRefuseAndAcceptsTrailingZeros() {
        ColumnSpec column = DecimalColumns.bounded(new ColumnDefinition("price", Types.DECIMAL, "DECIMAL", true, 10,
                2), PRICE);

        assertThatCode(() -> DecimalColumns.check(column, new BigDecimal("12345678.990"))).doesNotThrowAnyException();
        assertThatCode(() -> DecimalColumns.check(column, new BigDecimal("-0.01"))).doesNotThrowAnyException();
        assertThatCode(() -> DecimalColumns.check(column, new BigDecimal("1E+7"))).doesNotThrowAnyException();
        assertThatCode(() -> DecimalColumns.check(column, null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> DecimalColumns.check(column, new BigDecimal("1.239")))
                .isInstanceOf(SQLDataException.class).hasMessageContaining("column 'price' is DECIMAL(10,2)")
                .hasMessageContaining("3 after").hasMessageContaining("round it")
                .satisfies(e -> assertThat(((SQLDataException) e).getSQLState()).isEqualTo("22003"));
        assertThatThrownBy(() -> DecimalColumns.check(column, new BigDecimal("123456789")))
                .hasMessageContaining("9 before");
        assertThatThrownBy(() -> DecimalColumns.check(column, new BigDecimal("1E+8")))
                .hasMessageContaining("9 before");
    }
}
