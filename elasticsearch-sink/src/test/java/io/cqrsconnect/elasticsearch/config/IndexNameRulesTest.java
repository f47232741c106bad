package io.cqrsconnect.elasticsearch.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndexNameRulesTest {

    @Test
    void namesAreLowerCased() {
        IndexNameRules.Result result = IndexNameRules.apply("Server.Inventory.Customers");

        assertThat(result.valid()).isTrue();
        assertThat(result.name()).isEqualTo("server.inventory.customers");
    }

    @Test
    void breakingNamesAreExplained() {
        assertThat(IndexNameRules.apply("").problem()).contains("empty");
        assertThat(IndexNameRules.apply("..").problem()).contains("'..'");
        assertThat(IndexNameRules.apply("_orders").problem()).contains("must not start with");
        assertThat(IndexNameRules.apply("orders*").problem()).contains("'*'");
        assertThat(IndexNameRules.apply("my orders").problem()).contains("' '");
        assertThat(IndexNameRules.apply("x".repeat(256)).problem()).contains("255 bytes");
        assertThat(IndexNameRules.apply("orders-2026.11").valid()).isTrue();
    }
}
