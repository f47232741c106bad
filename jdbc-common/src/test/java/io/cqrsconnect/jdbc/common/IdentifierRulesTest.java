package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.jdbc.common.dialect.H2Dialect;
import io.cqrsconnect.jdbc.common.dialect.MySqlDialect;
import io.cqrsconnect.jdbc.common.dialect.PostgreSqlDialect;
import io.cqrsconnect.jdbc.common.dialect.SqliteDialect;
import org.junit.jupiter.api.Test;

class IdentifierRulesTest {

    private static final IdentifierRules POSTGRES = new PostgreSqlDialect().identifierRules();
    private static final IdentifierRules MARIADB = new MySqlDialect().identifierRules();

    @Test
    void longTopicsSharingTheirFirst63CharactersBecomeDifferentTables() {
        String prefix = "x".repeat(63);
        String first = POSTGRES.sanitizeTableName(prefix + ".orders");
        String second = POSTGRES.sanitizeTableName(prefix + ".customers");
        assertThat(first).isNotEqualTo(second);
        assertThat(first.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(63);
        assertThat(MARIADB.sanitizeTableName(prefix + "a")).isNotEqualTo(MARIADB.sanitizeTableName(prefix + "b"))
                .hasSize(64);
    }

    @Test
    void namesThatOnlyTheSanitizerMakesAlikeStayApartWhenCut() {
        String tail = "t".repeat(70);
        assertThat(POSTGRES.sanitizeTableName("a.b" + tail)).isNotEqualTo(POSTGRES.sanitizeTableName("a_b" + tail));
    }

    @Test
    void shortNamesKeepTheirDocumentedForm() {
        assertThat(POSTGRES.sanitizeTableName("Order Lines")).isEqualTo("Order_Lines");
        assertThat(MARIADB.sanitizeTableName("shop.orders-v2")).isEqualTo("shop_orders_v2");
        assertThat(MARIADB.sanitizeTableName("😀")).isEqualTo("__");
    }

    @Test
    void longColumnNamesAreCutUniquelyByTheDatabasesUnit() {
        String name = "é".repeat(40);
        assertThat(MARIADB.columnName(name)).isEqualTo(name);
        assertThat(POSTGRES.columnName(name)).isNotEqualTo(name).matches("é{27}_[0-9a-f]{8}");
        assertThat(POSTGRES.columnName(name + "x")).isNotEqualTo(POSTGRES.columnName(name));
    }

    @Test
    void roomIsLeftForASuffixOnlyWhenTheNameNeedsIt() {
        assertThat(POSTGRES.leavingRoomFor(13, "orders")).isEqualTo("orders");
        assertThat(POSTGRES.leavingRoomFor(13, "o".repeat(63))).matches("o{41}_[0-9a-f]{8}");
    }

    @Test
    void mariaDbTellsColumnsApartWithoutCase() {
        assertThat(MARIADB.columnKey("Id")).isEqualTo(MARIADB.columnKey("id"));
        assertThat(MARIADB.columnKey("STRASSE")).isEqualTo(MARIADB.columnKey("strasse"));
        assertThat(POSTGRES.columnKey("Id")).isNotEqualTo(POSTGRES.columnKey("id"));
        assertThat(new H2Dialect().identifierRules().columnKey("Id")).isEqualTo("Id");
        assertThat(new SqliteDialect().identifierRules().tableKey("Orders")).isEqualTo("orders");
        assertThat(POSTGRES.tableKey("Orders")).isEqualTo("orders");
    }

    @Test
    void namesADatabaseCannotStoreAreExplained() {
        assertThat(MARIADB.unstorable("price_😀")).contains("U+1F600").contains("Basic Multilingual Plane");
        assertThat(POSTGRES.unstorable("price_😀")).isNull();
        assertThat(MARIADB.unstorable("name ")).contains("ends with a space");
        assertThat(new SqliteDialect().identifierRules().unstorable("")).contains("empty");
        assertThat(POSTGRES.unstorable("a\0b")).contains("NUL");
        assertThat(MARIADB.unstorable("ordinary \"name\" with `quotes`")).isNull();
    }
}
