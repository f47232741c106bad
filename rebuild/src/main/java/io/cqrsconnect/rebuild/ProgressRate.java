package io.cqrsconnect.rebuild;

import java.util.ArrayDeque;
import java.util.Deque;

/** Records written per second over the last minute, and the time left at that rate. */
final class ProgressRate {

    static final long WINDOW_MS = 60_000;

    private record Sample(long atMs, long done) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    void record(long atMs, long done) {
        samples.addLast(new Sample(atMs, done));
        while (samples.size() > 2 && samples.peekFirst().atMs() < atMs - WINDOW_MS) {
            samples.removeFirst();
        }
    }

    /** Records per second over the window; 0 until two samples are apart in time. */
    double perSecond() {
        if (samples.size() < 2 || samples.peekLast().atMs() == samples.peekFirst().atMs()) {
            return 0;
        }
        return (samples.peekLast().done() - samples.peekFirst().done()) * 1000.0
                / (samples.peekLast().atMs() - samples.peekFirst().atMs());
    }

    /** Seconds until {@code remaining} more records are written at the current rate; -1 when there is no rate. */
    long etaSeconds(long remaining) {
        if (remaining <= 0) {
            return 0;
        }
        double rate = perSecond();
        return rate <= 0 ? -1 : (long) Math.ceil(remaining / rate);
    }
}
