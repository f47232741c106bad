package io.cqrsconnect.testing.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class EdgeCasesTest {

    @Test
    void everyCaseIsAValidConnectValueThatJsonConverterCarries() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"), false);

        for (EdgeCase edge : EdgeCases.all()) {
            ConnectSchema.validateValue(edge.schema(), edge.value());
            byte[] json = converter.fromConnectData("t", edge.schema(), edge.value());
            SchemaAndValue back = converter.toConnectData("t", json);
            assertThat(back.schema()).as(edge.toString()).isEqualTo(edge.schema());
        }
    }

    @Test
    void groupsShareOneSchemaAndCoverEveryKind() {
        Map<String, List<EdgeCase>> groups = EdgeCases.byGroup();

        groups.forEach((group, cases) -> assertThat(cases).as(group)
                .allSatisfy(edge -> assertThat(edge.schema()).isEqualTo(cases.get(0).schema())));
        assertThat(groups).containsKeys("int8", "float32", "float64", "string", "bytes", "decimal scale 50",
                "variable scale decimal", "date", "debezium date", "debezium micro time", "timestamp",
                "debezium nano timestamp", "debezium zoned timestamp", "empty struct", "array of nullable int64");
    }
}
