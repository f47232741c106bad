package io.cqrsconnect.common.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.cqrsconnect.common.record.RecordCoordinates;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DeadLetterRouterTest {

    private final SinkRecord record = new SinkRecord("orders", 2, null, null, null, "x", 1234L);
    private final BadRecordException error = new BadRecordException(new RecordCoordinates("orders", 2, 1234L),
            "price", "value 'abc' is not a number.", "field.exclude.list", "exclude the field to skip it.");

    @Test
    void withAReporterTheRecordIsReportedWithItsReason() {
        List<Throwable> reported = new ArrayList<>();
        ErrantRecordReporter reporter = (r, e) -> {
            reported.add(e);
            return CompletableFuture.completedFuture(null);
        };
        DeadLetterRouter router = DeadLetterRouter.of(reporter);

        router.route(record, error);

        assertThat(router.tolerates()).isTrue();
        assertThat(reported).containsExactly(error);
    }

    @Test
    void withoutAReporterTheTaskFailsWithAMessageNamingRecordFieldAndKeys() {
        DeadLetterRouter router = DeadLetterRouter.of((ErrantRecordReporter) null);

        assertThat(router.tolerates()).isFalse();
        assertThatThrownBy(() -> router.route(record, error))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Record at topic 'orders' partition 2 offset 1234: field 'price': value 'abc' is not a "
                        + "number. Config 'field.exclude.list': exclude the field to skip it. To send such records to "
                        + "a dead-letter queue and go on, set errors.tolerance=all and "
                        + "errors.deadletterqueue.topic.name.")
                .hasCause(error);
    }
}
