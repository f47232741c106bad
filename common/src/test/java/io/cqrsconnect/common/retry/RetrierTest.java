package io.cqrsconnect.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RetrierTest {

    private final List<Duration> waits = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(250));
    private final Retrier retrier = new Retrier(policy, e -> e instanceof IOException, waits::add);

    @Test
    void transientFailuresAreRetriedWithGrowingCappedJitteredWaits() throws IOException {
        AtomicInteger attempts = new AtomicInteger();
        String result = retrier.call("op", () -> {
            if (attempts.incrementAndGet() < 4) {
                throw new IOException("connection reset");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(4);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
    }

    @Test
    void theLastTransientFailureIsThrownOnceRetriesAreSpent() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retrier.call("op", () -> {
            attempts.incrementAndGet();
            throw new IOException("down #" + attempts.get());
        })).isInstanceOf(IOException.class).hasMessage("down #4");
        assertThat(waits).hasSize(3);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retrier.call("op", () -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("bad");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void backoffCapDoublesUpToTheMaximumWithoutOverflow() {
        RetryPolicy wide = new RetryPolicy(100, Duration.ofMillis(10), Duration.ofSeconds(5));
        assertThat(wide.backoffCap(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(wide.backoffCap(2)).isEqualTo(Duration.ofMillis(20));
        assertThat(wide.backoffCap(9)).isEqualTo(Duration.ofMillis(2560));
        assertThat(wide.backoffCap(10)).isEqualTo(Duration.ofSeconds(5));
        assertThat(wide.backoffCap(99)).isEqualTo(Duration.ofSeconds(5));
    }
}
