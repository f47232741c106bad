package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class TrackingKindTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aTemporalOffsetValueTurnsBackIntoTheInstantItWasMadeFrom() {
        Instant instant = Instant.parse("2026-07-01T10:15:30.123456Z");
        for (TrackingKind kind : new TrackingKind[] {TrackingKind.WALL_CLOCK, TrackingKind.INSTANT,
                TrackingKind.TEXT, TrackingKind.UTC_CLOCK}) {
            assertThat(kind.toInstant(kind.fromInstant(instant, BERLIN), BERLIN)).as(kind.name()).isEqualTo(instant);
        }
    }

    @Test
    void sqliteTextWithoutFractionIsReadInTheDatabaseZone() {
        assertThat(TrackingKind.TEXT.toInstant("2026-01-02 03:04:05", BERLIN))
                .isEqualTo(Instant.parse("2026-01-02T02:04:05Z"));
    }

    @Test
    void numbersHoldNoTime() {
        assertThatThrownBy(() -> TrackingKind.INTEGER.toInstant(5L, BERLIN)).isInstanceOf(IllegalStateException.class);
    }
}
