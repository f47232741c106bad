package io.cqrsconnect.common.config;

import java.time.Duration;

import io.cqrsconnect.common.retry.RetryPolicy;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The retry settings every connector shares, with one meaning and one set of defaults: {@code max.retries} retries
 * of a failure its connector classifies as transient, waiting a jittered {@code retry.backoff.ms} that doubles up to
 * {@code retry.backoff.max.ms}. The defaults ride out an outage of about two and a half minutes (0.5 + 1 + 2 + ... s,
 * then 30 s each) before a task fails; nothing unwritten is committed either way.
 */
public final class RetrySettings {

    public static final String MAX_RETRIES_CONFIG = "max.retries";
    public static final int MAX_RETRIES_DEFAULT = 10;
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 500L;
    private static final String RETRY_BACKOFF_MS_DOC = "The longest jittered wait before the first retry; it "
            + "doubles with each retry up to retry.backoff.max.ms.";
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 30_000L;
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "The longest wait between two retries.";

    private RetrySettings() {
    }

    /**
     * Defines the three settings in {@code group}, from position {@code order} on.
     *
     * @param whatIsRetried what the connector retries and what happens when the retries are spent, the start of
     *                      {@code max.retries}'s documentation
     * @return the position after the last one defined
     */
    public static int define(ConfigDef definition, String group, int order, String whatIsRetried) {
        definition.define(MAX_RETRIES_CONFIG, Type.INT, MAX_RETRIES_DEFAULT, Range.atLeast(0), Importance.MEDIUM,
                whatIsRetried + " The defaults ride out an outage of about two and a half minutes.", group, ++order,
                Width.SHORT, "Max retries");
        definition.define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, Range.atLeast(0),
                Importance.LOW, RETRY_BACKOFF_MS_DOC, group, ++order, Width.SHORT, "Retry backoff (ms)");
        definition.define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT, Range.atLeast(0),
                Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC, group, ++order, Width.SHORT, "Max retry backoff (ms)");
        return order;
    }

    /** The retry policy a configuration sets. */
    public static RetryPolicy policy(AbstractConfig config) {
        long initial = config.getLong(RETRY_BACKOFF_MS_CONFIG);
        return new RetryPolicy(config.getInt(MAX_RETRIES_CONFIG), Duration.ofMillis(initial),
                Duration.ofMillis(Math.max(initial, config.getLong(RETRY_BACKOFF_MAX_MS_CONFIG))));
    }

    /** Adds the problem of a longest wait shorter than the first one. */
    public static void collectProblems(AbstractConfig config, ConfigProblems problems) {
        if (config.getLong(RETRY_BACKOFF_MAX_MS_CONFIG) < config.getLong(RETRY_BACKOFF_MS_CONFIG)) {
            problems.add(RETRY_BACKOFF_MAX_MS_CONFIG, RETRY_BACKOFF_MAX_MS_CONFIG + " must not be smaller than "
                    + RETRY_BACKOFF_MS_CONFIG);
        }
    }
}
