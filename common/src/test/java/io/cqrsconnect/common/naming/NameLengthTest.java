package io.cqrsconnect.common.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class NameLengthTest {

    private static final NameLength POSTGRES = new NameLength(63, NameLength.Unit.UTF8_BYTES);
    private static final NameLength MARIADB = new NameLength(64, NameLength.Unit.CHARACTERS);

    @Test
    void aNameThatFitsIsNeverChanged() {
        String exactly = "a".repeat(63);
        assertThat(POSTGRES.fit(exactly)).isSameAs(exactly);
        assertThat(MARIADB.fit("ü".repeat(64))).isEqualTo("ü".repeat(64));
    }

    @Test
    void twoLongNamesSharingTheirPrefixAreCutApart() {
        String common = "dbserver1.inventory.".repeat(4);
        String first = POSTGRES.fit(common + "orders");
        String second = POSTGRES.fit(common + "order_lines");
        assertThat(first).isNotEqualTo(second).hasSize(63).startsWith(common.substring(0, 54) + "_");
        assertThat(second).hasSize(63).matches(".{54}_[0-9a-f]{8}");
    }

    @Test
    void theCutIsStable() {
        String name = "x".repeat(100);
        assertThat(POSTGRES.fit(name)).isEqualTo(POSTGRES.fit("x".repeat(100)))
                .isEqualTo("x".repeat(54) + "_" + NameLength.hash(name));
        // the first 8 hex digits of SHA-256("x" * 100), computed independently with sha256sum
        assertThat(NameLength.hash(name)).isEqualTo("09ecb6eb");
    }

    @Test
    void bytesAreCountedWhereTheStoreCountsBytesAndNoCharacterIsSplit() {
        String name = "ä".repeat(40); // 80 bytes, 40 characters
        assertThat(MARIADB.fit(name)).isEqualTo(name);
        String cut = POSTGRES.fit(name);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(cut).startsWith("ä".repeat(27) + "_");
        String emoji = "😀".repeat(20); // 80 bytes, 20 code points, 40 chars
        String emojiCut = POSTGRES.fit(emoji);
        assertThat(emojiCut).startsWith("😀".repeat(13) + "_").hasSize(13 * 2 + 9);
        assertThat(MARIADB.fit("😀".repeat(64))).isEqualTo("😀".repeat(64));
        assertThat(MARIADB.fit("😀".repeat(65)).codePointCount(0, MARIADB.fit("😀".repeat(65)).length()))
                .isEqualTo(64);
    }

    @Test
    void theHashIsOfTheIdentityWhenOneIsGiven() {
        String safe = "a_b" + "c".repeat(70);
        assertThat(POSTGRES.fit(safe, "a.b" + "c".repeat(70))).isNotEqualTo(POSTGRES.fit(safe, safe));
    }
}
