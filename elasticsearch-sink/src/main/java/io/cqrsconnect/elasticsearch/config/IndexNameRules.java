package io.cqrsconnect.elasticsearch.config;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigException;

/**
 * Elasticsearch's rules for index, alias and data stream names: lower case; not empty, {@code .} or {@code ..};
 * none of {@code \ / * ? " < > | , # :} or a space; not starting with {@code -}, {@code _} or {@code +}; at most
 * 255 bytes. Names are lower-cased first, so a topic {@code Orders} writes into {@code orders}.
 */
public final class IndexNameRules {

    private static final String FORBIDDEN = "\\/*?\"<>|,#: ";
    private static final int MAX_BYTES = 255;

    private IndexNameRules() {
    }

    /** The lower-cased name, or a description of the rule it breaks. */
    public static Result apply(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String problem = problem(lower);
        return new Result(lower, problem);
    }

    /** A lower-cased name and, when it is not a valid index name, why. */
    public record Result(String name, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    /**
     * Checks the literal text of a template: variables are stood in for by a harmless value, so only problems
     * that every rendered name would have are reported.
     *
     * @throws ConfigException naming {@code configKey} when every name the template renders would be invalid
     */
    public static void validateTemplate(String template, String configKey) {
        String sample = template.replaceAll("\\$\\{[^}]*}", "x");
        String problem = problem(sample.toLowerCase(Locale.ROOT));
        if (problem != null) {
            throw new ConfigException(configKey, template, "renders invalid Elasticsearch index names: " + problem);
        }
    }

    private static String problem(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "an index name must not be empty, '.' or '..'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (FORBIDDEN.indexOf(c) >= 0) {
                return "'" + name + "' contains '" + c + "'; index names must not contain any of \\ / * ? \" < > "
                        + "| , # : or a space";
            }
        }
        char first = name.charAt(0);
        if (first == '-' || first == '_' || first == '+') {
            return "'" + name + "' starts with '" + first + "'; index names must not start with -, _ or +";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "'" + name + "' is longer than " + MAX_BYTES + " bytes";
        }
        return null;
    }
}
