package io.cqrsconnect.common.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The longest name a store holds, and how a longer one is cut so that it stays unique and stable: the longest
 * prefix that fits with room for {@code _} and the first 8 hex digits of the SHA-256 of the full name, e.g. a
 * 70-character topic becomes its first 54 characters, {@code _}, and {@code 3fa94c1e}.
 *
 * <p>Cutting without the hash would make two names that share their first {@code limit} characters one table or
 * index, and merge their rows silently. The hash is of the whole name before it was made safe for the store (the
 * {@code identity}), so it is the same on every task and after every restart, and two long names that only a
 * sanitizer made alike still get apart. A name that fits is never changed.
 *
 * @param limit the longest name, in {@code unit}s
 * @param unit  what the store counts: PostgreSQL counts UTF-8 bytes (NAMEDATALEN-1), MariaDB characters,
 *              Elasticsearch UTF-8 bytes
 */
public record NameLength(int limit, Unit unit) {

    /** What a store's length limit counts. */
    public enum Unit { CHARACTERS, UTF8_BYTES }

    /** {@code _} and 8 hex digits. */
    public static final int SUFFIX_LENGTH = 9;

    public NameLength {
        if (limit <= SUFFIX_LENGTH) {
            throw new IllegalArgumentException("a name limit must leave room for the hash suffix: " + limit);
        }
    }

    /** The length of a name in this limit's unit. */
    public int lengthOf(String name) {
        return unit == Unit.UTF8_BYTES ? name.getBytes(StandardCharsets.UTF_8).length
                : name.codePointCount(0, name.length());
    }

    /** True when the name fits as it is. */
    public boolean fits(String name) {
        return lengthOf(name) <= limit;
    }

    /** {@code name} itself when it fits, else its cut with the hash of {@code name}. */
    public String fit(String name) {
        return fit(name, name);
    }

    /**
     * {@code name} itself when it fits, else the longest prefix of it that leaves room for the suffix, {@code _}, and
     * 8 hex digits of the SHA-256 of {@code identity} (the name before it was sanitized). Never splits a character.
     */
    public String fit(String name, String identity) {
        if (fits(name)) {
            return name;
        }
        int room = limit - SUFFIX_LENGTH;
        StringBuilder cut = new StringBuilder();
        int used = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int size = unit == Unit.UTF8_BYTES ? utf8Length(codePoint) : 1;
            if (used + size > room) {
                break;
            }
            cut.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return cut.append('_').append(hash(identity)).toString();
    }

    /** The first 8 hex digits of the SHA-256 of the name's UTF-8 bytes. */
    static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    @Override
    public String toString() {
        return limit + (unit == Unit.UTF8_BYTES ? " bytes (UTF-8)" : " characters");
    }
}
