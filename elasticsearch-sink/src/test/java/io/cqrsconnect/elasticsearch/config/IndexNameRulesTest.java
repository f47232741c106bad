package io.cqrsconnect.elasticsearch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class IndexNameRulesTest {

    @Test
    void validNamesAreOnlyLowerCased() {
        IndexNameRules.Result result = IndexNameRules.sanitize("Server.Inventory.Customers");

        assertThat(result.valid()).isTrue();
        assertThat(result.name()).isEqualTo("server.inventory.customers");
        assertThat(IndexNameRules.sanitize("orders-2026.11").name()).isEqualTo("orders-2026.11");
        assertThat(IndexNameRules.sanitize("名前").name()).isEqualTo("名前");
    }

    @Test
    void forbiddenCharactersBecomeUnderscoresAsInTheJdbcSink() {
        assertThat(IndexNameRules.sanitize("Order Lines").name()).isEqualTo("order_lines");
        assertThat(IndexNameRules.sanitize("a\\b/c*d?e\"f<g>h|i,j#k:l").name()).isEqualTo("a_b_c_d_e_f_g_h_i_j_k_l");
        assertThat(IndexNameRules.sanitize("it's").name()).isEqualTo("it's");
    }

    @Test
    void leadingCharactersElasticsearchRefusesAreDropped() {
        assertThat(IndexNameRules.sanitize("_orders").name()).isEqualTo("orders");
        assertThat(IndexNameRules.sanitize("-+_orders").name()).isEqualTo("orders");
        assertThat(IndexNameRules.sanitize(" orders").name()).isEqualTo("orders");
    }

    @Test
    void namesThatLeaveNothingAreExplained() {
        assertThat(IndexNameRules.sanitize("").problem()).contains("no index name");
        assertThat(IndexNameRules.sanitize("..").problem()).contains("'..'");
        assertThat(IndexNameRules.sanitize("_-").problem()).contains("leading");
    }

    @Test
    void longNamesAreCutUniquelyTo255Bytes() {
        String common = "ä".repeat(200);
        String first = IndexNameRules.sanitize(common + "first").name();
        String second = IndexNameRules.sanitize(common + "second").name();
        assertThat(first).isNotEqualTo(second).matches("ä{123}_[0-9a-f]{8}");
        assertThat(first.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(IndexNameRules.sanitize(common + "first").name()).isEqualTo(first);
    }

    @Test
    void aGenerationSuffixIsNeverCutOff() {
        String physical = IndexNameRules.physical("x".repeat(300), 12).name();
        assertThat(physical).endsWith("__g12").hasSizeLessThanOrEqualTo(255);
        assertThat(IndexNameRules.physical("Orders", 3).name()).isEqualTo("orders__g3");
        assertThat(IndexNameRules.physical("Orders", 0).name()).isEqualTo("orders");
    }

    @Test
    void literalTextOfATemplateIsCheckedNotSanitized() {
        assertThatThrownBy(() -> IndexNameRules.validateTemplate("my orders-${topic}", "index.name.format"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("' '");
        assertThatThrownBy(() -> IndexNameRules.validateTemplate("_${topic}", "index.name.format"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("start with");
        IndexNameRules.validateTemplate("orders-${source.table}", "index.name.format");
    }
}
