package io.cqrsconnect.jdbc.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class ReadScheduleTest {

    private final ReadSchedule schedule = new ReadSchedule(2, Duration.ofSeconds(5));
    private final List<Integer> read = new ArrayList<>();

    /** Reads targets, each filling its batch when {@code full} says so, with one record each. */
    private List<SourceRecord> poll(long nowMs, int maxRows, boolean... full) throws SQLException {
        read.clear();
        return schedule.readDue(nowMs, maxRows, (target, out) -> {
            read.add(target);
            out.add(new SourceRecord(Map.of(), Map.of(), "t", null, null));
            return full[target];
        });
    }

    @Test
    void everyTargetIsDueAtFirst() throws SQLException {
        assertThat(schedule.waitMs(1_000)).isZero();
        poll(1_000, 10, false, false);
        assertThat(read).containsExactly(0, 1);
    }

    @Test
    void aFullBatchIsReadAgainAtOnceAndTheRestAfterThePollInterval() throws SQLException {
        poll(1_000, 10, true, false);

        poll(1_000, 10, true, false);
        assertThat(read).as("it has more rows now").containsExactly(0);
        poll(5_999, 10, true, false);
        assertThat(read).containsExactly(0);
        poll(6_000, 10, true, false);
        assertThat(read).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void eachPollStartsOneTargetFurtherSoAFullTargetStarvesNoOther() throws SQLException {
        poll(1_000, 1, true, true);
        assertThat(read).containsExactly(0);
        poll(1_000, 1, true, true);
        assertThat(read).containsExactly(1);
        poll(1_000, 1, true, true);
        assertThat(read).containsExactly(0);
    }

    @Test
    void nothingDueWaitsForTheFirstOneDueButNeverLongerThanASecond() throws SQLException {
        poll(1_000, 10, false, false);

        assertThat(schedule.waitMs(5_500)).isEqualTo(500);
        assertThat(schedule.waitMs(1_000)).as("a worker thread comes back to check for a stop").isEqualTo(1_000);
    }
}
