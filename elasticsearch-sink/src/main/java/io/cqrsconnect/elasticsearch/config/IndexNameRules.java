package io.cqrsconnect.elasticsearch.config;

import java.util.Locale;

import io.cqrsconnect.common.naming.NameLength;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import org.apache.kafka.common.config.ConfigException;

/**
 * Elasticsearch's rules for index, alias and data stream names, and how a name rendered from data is made to follow
 * them, as the JDBC sink makes table names follow its database's: lower case; none of {@code \ / * ? " < > | , # :}
 * or a space (each becomes {@code _}); not starting with {@code -}, {@code _} or {@code +} (those are dropped); not
 * empty, {@code .} or {@code ..}; at most 255 bytes (a longer name is cut uniquely and stably: a prefix, {@code _} and
 * 8 hex digits of the SHA-256 of the name as rendered). So {@code ${source.table}} of {@code Order Lines} writes into
 * {@code order_lines}. A name that follows the rules is only lower-cased.
 */
public final class IndexNameRules {

    private static final String FORBIDDEN = "\\/*?\"<>|,#: ";
    private static final String FORBIDDEN_FIRST = "-_+";
    private static final int MAX_BYTES = 255;

    private IndexNameRules() {
    }

    /**
     * The index a read model generation's records go to: the rendered (logical) name sanitized, with room kept for
     * the generation's suffix so that it is never cut off, then {@code <name>__g<generation>}; with no generation
     * ({@code 0}), the sanitized name.
     */
    public static Result physical(String rendered, int generation) {
        if (generation <= 0) {
            return sanitize(rendered, 0);
        }
        Result logical = sanitize(rendered, ReadModelGeneration.MAX_SUFFIX_LENGTH);
        return logical.valid() ? new Result(new ReadModelGeneration(logical.name(), generation).physicalName(), null)
                : logical;
    }

    /** {@link #sanitize(String, int)} with no room kept. */
    public static Result sanitize(String rendered) {
        return sanitize(rendered, 0);
    }

    /**
     * The index name for a name rendered from data, or why there is none (nothing is left of it).
     *
     * @param reserve bytes to keep free at the end for a suffix added afterwards (a read model generation's
     *                {@code __gN})
     */
    public static Result sanitize(String rendered, int reserve) {
        String lower = rendered.toLowerCase(Locale.ROOT);
        StringBuilder safe = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            char replaced = FORBIDDEN.indexOf(c) >= 0 ? '_' : c;
            if (!safe.isEmpty() || FORBIDDEN_FIRST.indexOf(replaced) < 0) {
                safe.append(replaced);
            }
        }
        String name = new NameLength(MAX_BYTES - reserve, NameLength.Unit.UTF8_BYTES).fit(safe.toString(), rendered);
        return new Result(name, problem(name, rendered));
    }

    /** A sanitized name and, when nothing valid is left of the rendered one, why. */
    public record Result(String name, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    /**
     * Checks the literal text of a template: variables are stood in for by a harmless value, so only problems
     * that every rendered name would have are reported. Literal text is not sanitized: what the user wrote is the
     * name they mean.
     *
     * @throws ConfigException naming {@code configKey} when every name the template renders would be invalid
     */
    public static void validateTemplate(String template, String configKey) {
        String sample = template.replaceAll("\\$\\{[^}]*}", "x").toLowerCase(Locale.ROOT);
        String problem = problem(sample, template);
        for (int i = 0; problem == null && i < sample.length(); i++) {
            char c = sample.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0) {
                problem = "it contains '" + c + "'; index names must not contain any of \\ / * ? \" < > | , # : "
                        + "or a space";
            }
        }
        if (problem == null && FORBIDDEN_FIRST.indexOf(sample.charAt(0)) >= 0) {
            problem = "it starts with '" + sample.charAt(0) + "'; index names must not start with -, _ or +";
        }
        if (problem != null) {
            throw new ConfigException(configKey, template, "renders invalid Elasticsearch index names: " + problem);
        }
    }

    private static String problem(String name, String rendered) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "'" + rendered + "' leaves no index name (a name must not be empty, '.' or '..', and leading "
                    + "-, _ and + are dropped)";
        }
        return null;
    }
}
