package io.cqrsconnect.common.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;

import io.cqrsconnect.common.record.RecordCoordinates;
import org.junit.jupiter.api.Test;

class RecordFaultsTest {

    private static final RecordCoordinates RECORD = new RecordCoordinates("orders", 3, 42L);

    @Test
    void anUnforeseenFailureBecomesTheRecordsFaultNamingItAndTheCause() {
        DateTimeException cause = new DateTimeException("Invalid value for NanoOfDay");

        BadRecordException bad = RecordFaults.of(RECORD, cause);

        assertThat(bad.coordinates()).isEqualTo(RECORD);
        assertThat(bad.getCause()).isSameAs(cause);
        assertThat(bad.getMessage()).contains("topic 'orders' partition 3 offset 42")
                .contains("DateTimeException: Invalid value for NanoOfDay").contains("value.converter");
    }

    @Test
    void aBadRecordStaysAsItWas() {
        BadRecordException bad = new BadRecordException(RECORD, "total", "too large.", "field.exclude.list", null);

        assertThat(RecordFaults.of(RECORD, bad)).isSameAs(bad);
    }
}
