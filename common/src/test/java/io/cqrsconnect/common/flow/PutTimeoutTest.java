package io.cqrsconnect.common.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PutTimeoutTest {

    private final List<Long> given = new ArrayList<>();
    private final PutTimeout timeout = new PutTimeout(given::add);

    @Test
    void theSoonestAskedForWinsWhateverTheOrder() {
        timeout.within(100);
        timeout.within(1_000);
        timeout.within(40);
        timeout.within(500);
        timeout.apply();

        assertThat(given).containsExactly(40L);
    }

    @Test
    void nothingAskedForLeavesTheWorkerAloneAndEachPutAsksAgain() {
        timeout.apply();
        assertThat(given).as("no reason, no timeout").isEmpty();

        timeout.within(100);
        timeout.apply();
        timeout.apply();
        assertThat(given).as("given once, then forgotten").containsExactly(100L);
    }
}
