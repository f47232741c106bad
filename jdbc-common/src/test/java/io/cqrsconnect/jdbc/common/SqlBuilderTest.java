package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.cqrsconnect.jdbc.common.dialect.MySqlDialect;
import io.cqrsconnect.jdbc.common.dialect.PostgreSqlDialect;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

class SqlBuilderTest {

    @Test
    void quotesEveryIdentifierAndDoublesEmbeddedQuotes() {
        String sql = new SqlBuilder(IdentifierRules.ANSI).append("SELECT ").identifiers(List.of("a", "we\"ird"))
                .append(" FROM ").identifier("t; DROP TABLE x").append(" WHERE ").identifier("a").append(" = ")
                .parameter().toString();
        assertThat(sql).isEqualTo("SELECT \"a\", \"we\"\"ird\" FROM \"t; DROP TABLE x\" WHERE \"a\" = ?");
    }

    @Test
    void mysqlQuotesWithBackticks() {
        assertThat(new MySqlDialect().sql().identifier("or`der").toString()).isEqualTo("`or``der`");
    }

    @Test
    void tableNamesFromDataAreSanitizedAndCut() {
        IdentifierRules rules = new PostgreSqlDialect().identifierRules();
        assertThat(rules.sanitizeTableName("server.inventory.customers-v2")).isEqualTo("server_inventory_customers_v2");
        assertThat(rules.sanitizeTableName("x".repeat(100))).hasSize(63);
    }

    @Test
    void sqliteKeepsTableNamesOutOfItsReservedPrefix() {
        assertThat(new io.cqrsconnect.jdbc.common.dialect.SqliteDialect().tableName("sqlite.orders"))
                .isEqualTo("t_sqlite_orders");
        assertThat(new io.cqrsconnect.jdbc.common.dialect.SqliteDialect().tableName("orders")).isEqualTo("orders");
    }

    @Test
    void foldingFollowsTheDatabase() {
        assertThat(new PostgreSqlDialect().identifierRules().fold("Orders")).isEqualTo("orders");
        assertThat(IdentifierRules.ANSI.fold("Orders")).isEqualTo("ORDERS");
    }

    @Test
    void postgresUpsertUnnestsOneArrayPerColumnWithAVersionGuard() {
        WriteShape shape = new WriteShape(TableId.of("orders"), List.of(
                new ColumnSpec("id", Schema.INT64_SCHEMA, true),
                new ColumnSpec("doc", org.apache.kafka.connect.data.SchemaBuilder.map(Schema.STRING_SCHEMA,
                        Schema.STRING_SCHEMA).optional().build(), false),
                new ColumnSpec("version", Schema.INT64_SCHEMA, false)), List.of("id"), "version");
        WriteSql sql = new PostgreSqlDialect().upsert(shape, 2);
        assertThat(sql.sql()).isEqualTo("INSERT INTO \"orders\" (\"id\", \"doc\", \"version\") SELECT * FROM UNNEST("
                + "CAST(? AS BIGINT[]), CAST(? AS JSONB[]), CAST(? AS BIGINT[])) ON CONFLICT (\"id\") DO UPDATE SET "
                + "\"doc\" = excluded.\"doc\", \"version\" = excluded.\"version\" WHERE \"orders\".\"version\" IS NULL "
                + "OR \"orders\".\"version\" <= excluded.\"version\"");
        assertThat(sql.parameters()).containsExactly("id", "doc", "version");
        assertThat(sql.columnar()).isTrue();
    }

    @Test
    void postgresFallsBackToMultiRowValuesForAColumnOfUnknownType() {
        WriteShape shape = new WriteShape(TableId.of("events"), List.of(
                new ColumnSpec("id", Schema.INT64_SCHEMA, true),
                new ColumnSpec("note", io.cqrsconnect.common.event.SchemalessStructs.inferSchema(null), false)),
                List.of("id"), null);
        WriteSql sql = new PostgreSqlDialect().upsert(shape, 2);
        assertThat(sql.sql()).isEqualTo("INSERT INTO \"events\" (\"id\", \"note\") VALUES (?, ?), (?, ?) "
                + "ON CONFLICT (\"id\") DO UPDATE SET \"note\" = excluded.\"note\"");
        assertThat(sql.columnar()).isFalse();
        assertThat(new PostgreSqlDialect().maxRowsPerStatement(shape)).isEqualTo(1000);
    }
}
