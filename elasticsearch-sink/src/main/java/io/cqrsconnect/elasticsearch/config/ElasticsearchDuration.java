package io.cqrsconnect.elasticsearch.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A duration written as Elasticsearch writes time settings (a whole number and a unit: {@code 500ms}, {@code 90s},
 * {@code 10m}, {@code 1h}, {@code 2d}), so a value can be handed to an index setting as it is and compared with what
 * an index reports.
 */
public final class ElasticsearchDuration {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*(nanos|micros|ms|s|m|h|d)");

    private ElasticsearchDuration() {
    }

    /** @throws IllegalArgumentException when the text is not a whole number followed by a unit */
    public static Duration parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 90s, 10m, 1h or 2d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "nanos" -> Duration.ofNanos(amount);
            case "micros" -> Duration.ofNanos(amount * 1_000);
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** Accepts a duration of at least {@code minimum}. */
    static ConfigDef.Validator atLeast(Duration minimum, String minimumText) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                Duration duration;
                try {
                    duration = parse(String.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
                if (duration.compareTo(minimum) < 0) {
                    throw new ConfigException(name, value, "must be at least " + minimumText);
                }
            }

            @Override
            public String toString() {
                return "a duration of at least " + minimumText + " (e.g. 90s, 10m, 1h, 2d)";
            }
        };
    }
}
