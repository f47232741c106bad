package io.cqrsconnect.jdbc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.jdbc.common.ColumnSpec;
import io.cqrsconnect.jdbc.sink.mapping.RowLayout;
import io.cqrsconnect.jdbc.sink.mapping.SinkRow;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

class TableBufferTest {

    private static RowLayout layout(String versionColumn, String... columns) {
        List<RowLayout.Column> specs = new java.util.ArrayList<>();
        specs.add(new RowLayout.Column(new ColumnSpec("id", Schema.INT64_SCHEMA, true), "id", e -> null));
        for (String column : columns) {
            specs.add(new RowLayout.Column(new ColumnSpec(column, Schema.OPTIONAL_INT64_SCHEMA, false), column,
                    e -> null));
        }
        return new RowLayout(specs, versionColumn);
    }

    private static SinkRow row(RowLayout layout, Operation operation, Object... values) {
        return new SinkRow("t", operation, layout, values, (ChangeEvent) null);
    }

    @Test
    void theLastEventPerKeyWins() {
        RowLayout layout = layout(null, "qty");
        TableBuffer buffer = new TableBuffer("t", true);
        buffer.add(row(layout, Operation.UPSERT, 1L, 10L));
        buffer.add(row(layout, Operation.UPSERT, 2L, 20L));
        buffer.add(row(layout, Operation.UPSERT, 1L, 11L));
        buffer.add(row(layout(null), Operation.DELETE, 2L));
        assertThat(buffer.drain()).extracting(r -> r.values()[0] + ":" + r.operation())
                .containsExactly("1:UPSERT", "2:DELETE");
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void withAVersionGuardTheNewestVersionWinsWhateverTheOrder() {
        RowLayout layout = layout("version", "version");
        TableBuffer buffer = new TableBuffer("t", true);
        buffer.add(row(layout, Operation.UPSERT, 1L, 3L));
        buffer.add(row(layout, Operation.UPSERT, 1L, 2L));
        buffer.add(row(layout, Operation.UPSERT, 1L, 3L));
        buffer.add(row(layout, Operation.UPSERT, 2L, 1L));
        buffer.add(row(layout, Operation.UPSERT, 2L, 4L));
        assertThat(buffer.drain()).extracting(r -> r.values()[0] + "@" + r.values()[1])
                .containsExactlyInAnyOrder("1@3", "2@4");
    }

    @Test
    void aSchemaChangeOrARepeatedKeyInInsertModeAsksForAFlushFirst() {
        TableBuffer upserts = new TableBuffer("t", true);
        upserts.add(row(layout(null, "qty"), Operation.UPSERT, 1L, 10L));
        assertThat(upserts.accepts(row(layout(null, "qty", "price"), Operation.UPSERT, 2L, 1L, 2L))).isFalse();
        assertThat(upserts.accepts(row(layout(null, "qty"), Operation.UPSERT, 1L, 12L))).isTrue();

        TableBuffer inserts = new TableBuffer("t", false);
        inserts.add(row(layout(null, "qty"), Operation.UPSERT, 1L, 10L));
        assertThat(inserts.accepts(row(layout(null, "qty"), Operation.UPSERT, 1L, 11L))).isFalse();
        assertThat(inserts.accepts(row(layout(null, "qty"), Operation.UPSERT, 2L, 11L))).isTrue();
    }
}
