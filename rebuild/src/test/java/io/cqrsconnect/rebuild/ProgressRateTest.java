package io.cqrsconnect.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressRateTest {

    @Test
    void theRateIsMeasuredOverTheLastMinuteAndGivesTheTimeLeft() {
        ProgressRate rate = new ProgressRate();
        assertThat(rate.etaSeconds(100)).as("no rate yet").isEqualTo(-1);

        rate.record(0, 0);
        rate.record(100_000, 50_000); // a slow start, which falls out of the window
        rate.record(130_000, 80_000);
        rate.record(160_000, 110_000);

        assertThat(rate.perSecond()).isEqualTo(1000.0);
        assertThat(rate.etaSeconds(5_000)).isEqualTo(5);
        assertThat(rate.etaSeconds(0)).isZero();
    }
}
