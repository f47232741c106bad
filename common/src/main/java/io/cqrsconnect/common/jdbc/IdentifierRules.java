package io.cqrsconnect.common.jdbc;

import java.util.Locale;

/**
 * How a database spells identifiers: the quote character, the longest name it accepts, and how it folds the case of
 * unquoted names (which is how tables created by hand, without quotes, are stored in its catalog).
 *
 * <p>Every identifier we emit is quoted, so a name keeps exactly the case and characters we give it; the folding
 * rule only matters when looking up a table someone created without quotes.
 */
public record IdentifierRules(String openQuote, String closeQuote, int maxLength, CaseFolding folding) {

    /** How unquoted identifiers are stored in the catalog. */
    public enum CaseFolding { UPPER, LOWER, AS_IS }

    /** ANSI SQL: double quotes, unquoted names folded to upper case. */
    public static final IdentifierRules ANSI = new IdentifierRules("\"", "\"", 128, CaseFolding.UPPER);

    /** A name quoted: the quote character inside it is doubled, so no name can end the quoting early. */
    public String quote(String name) {
        return openQuote + name.replace(closeQuote, closeQuote + closeQuote) + closeQuote;
    }

    /**
     * A table name derived from data (a topic, a Debezium source table) made safe as a table name: characters
     * other than letters, digits and underscores become underscores (a dot would read as a schema separator to
     * anyone typing the name later), and the name is cut to {@link #maxLength()}.
     */
    public String sanitizeTableName(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            safe.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
        }
        return safe.length() > maxLength ? safe.substring(0, maxLength) : safe.toString();
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
