package io.cqrsconnect.common.values;

import java.time.LocalTime;

/**
 * A time of day from 00:00:00 up to and including 24:00:00, to the nanosecond. {@link LocalTime} stops just short
 * of 24:00:00, yet PostgreSQL's {@code time} and MySQL's {@code TIME} hold it and Debezium sends it (86,400,000,000
 * microseconds), so sinks carry this value instead and each store writes the end of the day its own way.
 *
 * @param nanoOfDay nanoseconds since midnight, 0 to 86,400,000,000,000
 */
public record TimeOfDay(long nanoOfDay) {

    /** Nanoseconds in a day: the value of 24:00:00. */
    public static final long NANOS_PER_DAY = 86_400_000_000_000L;

    public TimeOfDay {
        if (nanoOfDay < 0 || nanoOfDay > NANOS_PER_DAY) {
            throw new IllegalArgumentException(nanoOfDay + " ns is not a time of day (0 to 24:00:00)");
        }
    }

    /** True for 24:00:00, the end of the day. */
    public boolean isEndOfDay() {
        return nanoOfDay == NANOS_PER_DAY;
    }

    /**
     * The time as a {@link LocalTime}.
     *
     * @throws IllegalStateException for 24:00:00, which a {@link LocalTime} cannot hold
     */
    public LocalTime toLocalTime() {
        if (isEndOfDay()) {
            throw new IllegalStateException("24:00:00 has no LocalTime");
        }
        return LocalTime.ofNanoOfDay(nanoOfDay);
    }

    /**
     * {@code HH:mm:ss} followed by a fraction of exactly {@code fractionDigits} digits (none for 0), e.g.
     * {@code 24:00:00.000000}: the text both SQL and Elasticsearch read.
     */
    public String format(int fractionDigits) {
        long seconds = nanoOfDay / 1_000_000_000L;
        StringBuilder text = new StringBuilder(8 + 1 + fractionDigits);
        two(text, seconds / 3600).append(':');
        two(text, seconds / 60 % 60).append(':');
        two(text, seconds % 60);
        if (fractionDigits > 0) {
            String nanos = String.format("%09d", nanoOfDay % 1_000_000_000L);
            text.append('.').append(nanos, 0, Math.min(9, fractionDigits));
        }
        return text.toString();
    }

    private static StringBuilder two(StringBuilder text, long value) {
        return text.append(value < 10 ? "0" : "").append(value);
    }

    @Override
    public String toString() {
        return format(9);
    }
}
