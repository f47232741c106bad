package io.cqrsconnect.jdbc.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReadScheduleTest {

    private final ReadSchedule schedule = new ReadSchedule(2, Duration.ofSeconds(5));

    @Test
    void everyTargetIsDueAtFirst() {
        assertThat(schedule.waitMs(1_000)).isZero();
        assertThat(schedule.due(0, 1_000)).isTrue();
        assertThat(schedule.due(1, 1_000)).isTrue();
    }

    @Test
    void aFullBatchIsReadAgainAtOnceAndTheRestAfterThePollInterval() {
        schedule.read(0, true, 1_000);
        schedule.read(1, false, 1_000);

        assertThat(schedule.due(0, 1_000)).as("it has more rows now").isTrue();
        assertThat(schedule.due(1, 5_999)).isFalse();
        assertThat(schedule.due(1, 6_000)).isTrue();
    }

    @Test
    void nothingDueWaitsForTheFirstOneDueButNeverLongerThanASecond() {
        schedule.read(0, false, 1_000);
        schedule.read(1, false, 3_000);

        assertThat(schedule.waitMs(5_500)).isEqualTo(500);
        assertThat(schedule.waitMs(1_000)).as("a worker thread comes back to check for a stop").isEqualTo(1_000);
    }
}
