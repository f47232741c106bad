package io.cqrsconnect.common.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CommitRequestsTest {

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(10_000);
    private final List<Long> pollTimeouts = new ArrayList<>();

    @Test
    void requestsACommitOncePerIntervalOfPuts() {
        CommitRequests commits = new CommitRequests(requests::incrementAndGet, pollTimeouts::add, 1_000, now::get);

        commits.afterPut();
        now.addAndGet(999);
        commits.afterPut();
        assertThat(requests).as("not before the interval has passed").hasValue(0);
        assertThat(pollTimeouts).as("the next put comes by the time one is due, records or not")
                .containsExactly(1_000L, 1L);

        now.addAndGet(1);
        commits.afterPut();
        commits.afterPut();
        assertThat(requests).as("once when it has").hasValue(1);

        now.addAndGet(5_000);
        commits.afterPut();
        assertThat(requests).as("once after a long quiet time, not once per interval missed").hasValue(2);
    }

    @Test
    void theFirstCommitAfterARequestIsTheOneToAnswerWithoutWaiting() {
        CommitRequests commits = new CommitRequests(requests::incrementAndGet, pollTimeouts::add, 1_000, now::get);

        commits.afterPut();
        assertThat(commits.answering()).as("nothing asked for yet: a commit of the worker's own").isFalse();

        now.addAndGet(1_000);
        commits.afterPut();
        assertThat(requests).hasValue(1);
        assertThat(commits.answering()).as("the commit asked for").isTrue();
        assertThat(commits.answering()).as("the next one is the worker's again").isFalse();
    }

    @Test
    void zeroLeavesCommitsToTheWorker() {
        CommitRequests commits = new CommitRequests(requests::incrementAndGet, pollTimeouts::add, 0, now::get);

        now.addAndGet(60_000);
        commits.afterPut();

        assertThat(requests).hasValue(0);
        assertThat(pollTimeouts).as("the worker's poll is left alone").isEmpty();
        assertThat(commits.answering()).as("every commit is the worker's").isFalse();
    }
}
