package io.cqrsconnect.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.common.record.RecordCoordinates;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

class SourcelessTombstoneTest {

    private static final RecordCoordinates AT = new RecordCoordinates("shop.public.orders", 0, 41);
    private static final SourceInfo ORDERS = new SourceInfo("shop", "public", "orders");

    private static ChangeEvent delete(SourceInfo source, boolean tombstone) {
        return new ChangeEvent(AT, Operation.DELETE, Schema.INT64_SCHEMA, 7L, null, source, tombstone, null);
    }

    @Test
    void aTombstoneWithoutSourceIsSkippedOnlyWhenTheTargetNameNeedsTheSource() {
        assertThat(SourcelessTombstone.skip(delete(null, true), true, "index")).isTrue();
        assertThat(SourcelessTombstone.skip(delete(null, true), false, "index")).isFalse();
    }

    @Test
    void aTombstoneWithItsTopicsSourceAndADeleteEventAreNeverSkipped() {
        assertThat(SourcelessTombstone.skip(delete(ORDERS, true), true, "table")).isFalse();
        // a delete event without a source is the record's problem: the name format says so when it renders
        assertThat(SourcelessTombstone.skip(delete(null, false), true, "table")).isFalse();
    }
}
