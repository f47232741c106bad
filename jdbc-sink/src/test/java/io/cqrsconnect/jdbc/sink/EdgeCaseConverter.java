package io.cqrsconnect.jdbc.sink;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cqrsconnect.testing.values.EdgeCase;
import io.cqrsconnect.testing.values.EdgeCases;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;

/**
 * A value converter for the generated type tests: a record's value is the name of an {@link EdgeCase} ({@link #of}),
 * and the converter hands the sink that case's exact Connect value in a struct {@code {v}}. JsonConverter cannot
 * serve here: it turns NaN, the infinities and negative zero into 0.0 on the way through, so those cases would never
 * reach the sink.
 */
public final class EdgeCaseConverter implements Converter {

    /** The field of the row struct that holds the case's value. */
    static final String FIELD = "v";

    private static final Map<String, List<EdgeCase>> GROUPS = EdgeCases.byGroup();
    private static final Map<String, Schema> ROWS = new ConcurrentHashMap<>();

    /** The record value that names a case: its group and its index in the group. */
    static byte[] of(String group, int index) {
        return (group + "\n" + index).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        throw new UnsupportedOperationException("EdgeCaseConverter only reads");
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        String[] parts = new String(value, StandardCharsets.UTF_8).split("\n");
        EdgeCase edge = GROUPS.get(parts[0]).get(Integer.parseInt(parts[1]));
        // one schema instance per group, as real converters cache them
        Schema row = ROWS.computeIfAbsent(edge.group(), group -> SchemaBuilder.struct().field(FIELD, edge.schema())
                .build());
        return new SchemaAndValue(row, new Struct(row).put(FIELD, edge.value()));
    }
}
