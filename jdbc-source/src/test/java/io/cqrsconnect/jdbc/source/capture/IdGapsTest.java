package io.cqrsconnect.jdbc.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.cqrsconnect.jdbc.common.CommitHorizon;
import org.junit.jupiter.api.Test;

class IdGapsTest {

    private static final Instant SEEN = Instant.parse("2026-01-01T10:00:00.123456Z");

    @Test
    void theFirstReadHoldsEverySmallerIdUntilTheTransactionsOpenThenHaveEnded() {
        IdGaps progress = new IdGaps();
        assertThat(progress.wouldOpenGap(5)).isTrue();
        progress.advance(5, SEEN);
        assertThat(progress.max()).isEqualTo(5L);
        assertThat(progress.gaps()).containsExactly(new IdGaps.Gap(Long.MIN_VALUE, 4, SEEN));
        assertThat(progress.inGap(1)).isTrue();

        progress.resolve(new CommitHorizon(SEEN, SEEN.plusSeconds(1)));
        assertThat(progress.gaps()).as("a transaction that was open when the gap was seen may still be").hasSize(1);
        progress.resolve(new CommitHorizon(SEEN.plusNanos(1000), SEEN.plusSeconds(1)));
        assertThat(progress.gaps()).as("every transaction open then has ended").isEmpty();
    }

    @Test
    void aRowThatCommitsLateInAGapIsFoundAndSplitsIt() {
        IdGaps progress = IdGaps.fromOffset(new IdGaps().toOffset());
        progress.advance(9, SEEN);
        progress.resolve(new CommitHorizon(SEEN.plusSeconds(1), SEEN.plusSeconds(1)));
        assertThat(progress.wouldOpenGap(10)).isFalse();
        progress.advance(10, SEEN);
        progress.advance(20, SEEN);
        assertThat(progress.gaps()).containsExactly(new IdGaps.Gap(11, 19, SEEN));

        progress.found(15);
        assertThat(progress.gaps()).containsExactly(new IdGaps.Gap(11, 14, SEEN), new IdGaps.Gap(16, 19, SEEN));
        progress.found(11);
        progress.found(19);
        assertThat(progress.gaps()).containsExactly(new IdGaps.Gap(12, 14, SEEN), new IdGaps.Gap(16, 18, SEEN));
        assertThat(progress.inGap(15)).isFalse();
        assertThat(progress.inGap(20)).isFalse();
    }

    @Test
    void theOffsetKeepsTheHighestIdAndEveryGapToTheMicrosecond() {
        IdGaps progress = new IdGaps();
        progress.advance(3, SEEN);
        progress.advance(7, SEEN.plusSeconds(2));

        IdGaps restored = IdGaps.fromOffset(progress.toOffset());

        assertThat(restored.max()).isEqualTo(7L);
        assertThat(restored.gaps()).isEqualTo(progress.gaps());
        assertThat(IdGaps.fromOffset(null).max()).isNull();
    }
}
