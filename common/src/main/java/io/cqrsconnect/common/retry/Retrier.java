package io.cqrsconnect.common.retry;

import java.time.Duration;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operation under a {@link RetryPolicy}: failures the classifier calls transient are retried after a
 * backoff; anything else, or the last transient failure, is thrown to the caller unchanged.
 */
public final class Retrier {

    /** Waits between attempts; interruptible, so stopping a task ends the wait. Tests may replace it. */
    @FunctionalInterface
    public interface Sleeper {
        /** The real wait: the calling thread sleeps for the backoff. */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /** An operation that may fail. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    private final RetryPolicy policy;
    private final Predicate<Throwable> transientFailure;
    private final Sleeper sleeper;

    public Retrier(RetryPolicy policy, Predicate<Throwable> transientFailure) {
        this(policy, transientFailure, Sleeper.THREAD);
    }

    public Retrier(RetryPolicy policy, Predicate<Throwable> transientFailure, Sleeper sleeper) {
        this.policy = policy;
        this.transientFailure = transientFailure;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails permanently, or the retries are spent.
     *
     * @param what a short description for the log, e.g. "upsert into orders"
     */
    public <T, E extends Exception> T call(String what, Attempt<T, E> attempt) throws E {
        for (int retry = 1; ; retry++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (retry > policy.maxRetries() || !transientFailure.test(e)) {
                    throw e;
                }
                Duration wait = policy.backoff(retry);
                LOG.warn("{} failed ({}); retry {} of {} in {} ms", what, e.toString(), retry, policy.maxRetries(),
                        wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(interrupted);
                    throw e;
                }
            }
        }
    }
}
