package io.cqrsconnect.jdbc.common.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import io.cqrsconnect.jdbc.common.ColumnKind;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.common.WriteShape;
import io.cqrsconnect.jdbc.common.WriteSql;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class PostgresArraysTest {

    @Test
    void aLiteralQuotesEveryElementSoDataNeverReadsAsSyntax() {
        assertThat(PostgresArrays.literal(Arrays.asList("a", "b,c", "{x}", "q\"uote", "back\\slash", "NULL", null, "")))
                .isEqualTo("{\"a\",\"b,c\",\"{x}\",\"q\\\"uote\",\"back\\\\slash\",\"NULL\",NULL,\"\"}");
        assertThat(PostgresArrays.literal(List.of(1L, -2L))).isEqualTo("{\"1\",\"-2\"}");
        assertThat(PostgresArrays.literal(List.of(Double.NaN, 1e300, true))).isEqualTo("{\"NaN\",\"1.0E300\",\"true\"}");
        assertThat(PostgresArrays.literal(List.of())).isEqualTo("{}");
    }

    @Test
    void primitiveArraysGetTheirNativeTypeOthersStayJson() {
        PostgreSqlDialect dialect = new PostgreSqlDialect();
        assertThat(dialect.columnType(new ColumnSpec("a", SchemaBuilder.array(Schema.INT32_SCHEMA).build(), false)))
                .isEqualTo("INTEGER[]");
        assertThat(dialect.columnType(new ColumnSpec("a", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build(),
                false))).isEqualTo("TEXT[]");
        Schema structs = SchemaBuilder.array(SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build()).build();
        assertThat(new ColumnSpec("a", structs, false).kind()).isEqualTo(ColumnKind.JSON);
        Schema dates = SchemaBuilder.array(org.apache.kafka.connect.data.Date.SCHEMA).build();
        assertThat(new ColumnSpec("a", dates, false).kind()).isEqualTo(ColumnKind.JSON);
    }

    @Test
    void anUnnestCarriesArrayColumnsAsLiteralsCastPerRow() {
        WriteShape shape = new WriteShape(TableId.of("t"), List.of(new ColumnSpec("id", Schema.INT64_SCHEMA, true),
                new ColumnSpec("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build(), false)),
                List.of("id"), null);
        WriteSql sql = new PostgreSqlDialect().insert(shape, 3);
        assertThat(sql.sql()).isEqualTo("INSERT INTO \"t\" (\"id\", \"tags\") SELECT \"c0\", CAST(\"c1\" AS TEXT[]) "
                + "FROM UNNEST(CAST(? AS BIGINT[]), CAST(? AS TEXT[])) AS \"u\"(\"c0\", \"c1\")");
        assertThat(sql.columnar()).isTrue();
    }
}
