package io.cqrsconnect.elasticsearch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.cqrsconnect.common.record.RecordCoordinates;
import io.cqrsconnect.elasticsearch.document.DocumentAction;
import org.junit.jupiter.api.Test;

class RequestSizeLimitTest {

    private static PreparedWrite write(String id, int sourceBytes) {
        DocumentAction action = new DocumentAction(DocumentAction.Kind.INDEX, "orders", id, 1L, null,
                new byte[sourceBytes], new RecordCoordinates("orders", 0, 1), null, null);
        return new PreparedWrite(action, action.source(), false);
    }

    private static List<List<String>> ids(List<List<PreparedWrite>> requests) {
        return requests.stream().map(request -> request.stream().map(w -> w.action().id()).toList()).toList();
    }

    @Test
    void writesAreCutInOrderIntoRequestsWithinTheLimitAndOneTooLargeAloneIsSetAside() {
        PreparedWrite a = write("a", 3_000);
        PreparedWrite b = write("b", 3_000);
        PreparedWrite huge = write("huge", 20_000);
        PreparedWrite c = write("c", 3_000);
        PreparedWrite d = write("d", 9_000);
        RequestSizeLimit limit = RequestSizeLimit.of(10_000);
        List<PreparedWrite> tooLarge = new ArrayList<>();

        List<List<PreparedWrite>> requests = limit.requests(List.of(a, b, huge, c, d), 0, tooLarge::add);

        assertThat(ids(requests)).containsExactly(List.of("a", "b", "c"), List.of("d"));
        assertThat(tooLarge).containsExactly(huge);
        for (List<PreparedWrite> request : requests) {
            assertThat(request.stream().mapToLong(w -> w.bulkBytes(0)).sum()).isLessThanOrEqualTo(10_000);
        }
    }

    @Test
    void theEstimateCountsTheMetadataLineAndThePipeline() {
        PreparedWrite write = write("an-id", 1_000);

        assertThat(write.bulkBytes(0)).isGreaterThan(1_000 + "orders".length() + "an-id".length());
        assertThat(write.bulkBytes(12)).isEqualTo(write.bulkBytes(0) + 12);
    }

    @Test
    void anUnknownLimitSendsEverythingInOneRequest() {
        List<PreparedWrite> writes = List.of(write("a", 50_000), write("b", 50_000));
        List<PreparedWrite> tooLarge = new ArrayList<>();

        assertThat(RequestSizeLimit.unknown().requests(writes, 0, tooLarge::add)).containsExactly(writes);
        assertThat(tooLarge).isEmpty();
    }
}
