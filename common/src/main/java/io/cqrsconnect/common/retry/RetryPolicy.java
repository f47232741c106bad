package io.cqrsconnect.common.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently to retry an operation that failed for a transient reason: up to {@code maxRetries}
 * retries, waiting an exponentially growing, capped, fully jittered time before each, so that many tasks hitting
 * the same overloaded store do not retry in lockstep.
 *
 * @param maxRetries retries after the first attempt; 0 means never retry
 * @param initialBackoff the cap of the wait before the first retry
 * @param maxBackoff the cap of any wait
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max: " + initialBackoff
                    + ", " + maxBackoff);
        }
    }

    /** The cap of the wait before retry number {@code retry} (1-based): initial * 2^(retry-1), at most max. */
    public Duration backoffCap(int retry) {
        long initial = initialBackoff.toMillis();
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long cap = initial << shift;
        if (cap < initial || cap > maxBackoff.toMillis()) {
            cap = maxBackoff.toMillis();
        }
        return Duration.ofMillis(cap);
    }

    /** A random wait in [cap/2, cap] before retry number {@code retry}: jittered, but never a busy loop. */
    public Duration backoff(int retry) {
        long cap = backoffCap(retry).toMillis();
        long half = cap / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(cap - half + 1));
    }
}
