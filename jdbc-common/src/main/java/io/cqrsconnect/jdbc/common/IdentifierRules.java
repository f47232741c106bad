package io.cqrsconnect.jdbc.common;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.cqrsconnect.common.naming.NameLength;

/**
 * How a database spells identifiers: the quote character, the longest name it accepts (and whether it counts
 * characters or bytes), how it folds the case of unquoted names (which is how tables created by hand, without
 * quotes, are stored in its catalog), and the names it cannot store or tell apart.
 *
 * <p>Every identifier we emit is quoted, so a name keeps exactly the case and characters we give it; the folding
 * rule only matters when looking up a table someone created without quotes. A name longer than the limit is cut
 * uniquely and stably by {@link NameLength}, never merely truncated: truncation would make two long names one table
 * or one column.
 *
 * @param restrictions what this database cannot do with a quoted name that most can
 */
public record IdentifierRules(String openQuote, String closeQuote, NameLength length, CaseFolding folding,
                              Set<Restriction> restrictions) {

    /** How unquoted identifiers are stored in the catalog. */
    public enum CaseFolding { UPPER, LOWER, AS_IS }

    /** What a database cannot do with a quoted name. */
    public enum Restriction {
        /** Column names are compared without case: {@code Id} and {@code id} are one column (MySQL, MariaDB). */
        COLUMNS_IGNORE_CASE,
        /** Characters outside the Basic Multilingual Plane (emoji...) cannot be stored (MariaDB's utf8mb3). */
        BASIC_MULTILINGUAL_PLANE_ONLY,
        /** A name must not end with a space (MySQL, MariaDB). */
        NO_TRAILING_SPACE
    }

    /** ANSI SQL: double quotes, unquoted names folded to upper case. */
    public static final IdentifierRules ANSI = new IdentifierRules("\"", "\"", 128, CaseFolding.UPPER);

    public IdentifierRules {
        restrictions = restrictions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(restrictions));
    }

    /** A database that counts characters and stores any quoted name but an empty one. */
    public IdentifierRules(String openQuote, String closeQuote, int maxLength, CaseFolding folding) {
        this(openQuote, closeQuote, new NameLength(maxLength, NameLength.Unit.CHARACTERS), folding, Set.of());
    }

    /** The longest name, in the unit {@link #length()} counts. */
    public int maxLength() {
        return length.limit();
    }

    /** A name quoted: the quote character inside it is doubled, so no name can end the quoting early. */
    public String quote(String name) {
        return openQuote + name.replace(closeQuote, closeQuote + closeQuote) + closeQuote;
    }

    /**
     * A table name derived from data (a topic, a Debezium source table) made safe as a table name: characters
     * other than letters, digits and underscores become underscores (a dot would read as a schema separator to
     * anyone typing the name later), and a name longer than {@link #length()} is cut uniquely: a prefix,
     * {@code _} and 8 hex digits of the SHA-256 of the name as rendered (before the underscores).
     */
    public String sanitizeTableName(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean storable = Character.isLetterOrDigit(c) && !Character.isSurrogate(c) || c == '_';
            safe.append(storable ? c : '_');
        }
        return length.fit(safe.toString(), name);
    }

    /**
     * The column for a field name: the name itself, or, when it is longer than {@link #length()}, its unique cut
     * (a prefix, {@code _} and 8 hex digits of the SHA-256 of the full name).
     */
    public String columnName(String name) {
        return length.fit(name);
    }

    /**
     * A name that leaves room for a suffix of {@code suffixLength} ASCII characters (a read model generation's
     * {@code __gN}): the name itself when it does, else its unique cut to {@code suffixLength} less than the limit,
     * so that the suffix is never cut off (PostgreSQL would cut it silently, making the generation's table the
     * logical name).
     */
    public String leavingRoomFor(int suffixLength, String name) {
        return new NameLength(length.limit() - suffixLength, length.unit()).fit(name);
    }

    /** Why this database cannot store {@code name} as a column (or table) name, or null when it can. */
    public String unstorable(String name) {
        if (name.isEmpty()) {
            return "a column needs a name, and this one is empty";
        }
        if (name.indexOf('\0') >= 0) {
            return "the name contains a NUL character, which no database stores in a name";
        }
        if (restrictions.contains(Restriction.BASIC_MULTILINGUAL_PLANE_ONLY)) {
            for (int i = 0; i < name.length(); ) {
                int codePoint = name.codePointAt(i);
                if (Character.isSupplementaryCodePoint(codePoint)) {
                    return "the name contains '" + Character.toString(codePoint) + "' (U+"
                            + Integer.toHexString(codePoint).toUpperCase(Locale.ROOT) + "), a character outside "
                            + "the Basic Multilingual Plane, which this database cannot store in a name";
                }
                i += Character.charCount(codePoint);
            }
        }
        if (restrictions.contains(Restriction.NO_TRAILING_SPACE) && name.endsWith(" ")) {
            return "the name ends with a space, which this database does not allow";
        }
        return null;
    }

    /**
     * The key under which this database tells column names apart: two names with the same key are one column.
     * The name itself, or its case folded where column names ignore case.
     */
    public String columnKey(String name) {
        return restrictions.contains(Restriction.COLUMNS_IGNORE_CASE) ? foldCase(name) : name;
    }

    /**
     * The key under which the sink tells table names apart: two names with the same key are one table. Always the
     * case folded: an existing table is found whatever its case (one created by hand without quotes is stored
     * folded, and SQLite, and MySQL/MariaDB with {@code lower_case_table_names}, ignore case), so {@code Orders}
     * and {@code orders} would find one table.
     */
    public String tableKey(String name) {
        return foldCase(name);
    }

    private static String foldCase(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        name.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return folded.toString();
    }

    /** The name as the catalog stores it when it was written without quotes. */
    public String fold(String name) {
        return switch (folding) {
            case UPPER -> name.toUpperCase(Locale.ROOT);
            case LOWER -> name.toLowerCase(Locale.ROOT);
            case AS_IS -> name;
        };
    }
}
