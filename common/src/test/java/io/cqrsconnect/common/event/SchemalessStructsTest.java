package io.cqrsconnect.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class SchemalessStructsTest {

    @Test
    void integersAndFractionsTakeTheWidestTypeOfTheirFamilySoBatchesAgree() {
        Struct small = SchemalessStructs.toStruct(Map.of("n", 1, "f", 1.5f));
        Struct large = SchemalessStructs.toStruct(Map.of("n", 100_000_000_000L, "f", 2.25d));

        assertThat(small.schema().field("n").schema()).isEqualTo(large.schema().field("n").schema());
        assertThat(small.schema().field("n").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(small.getInt64("n")).isEqualTo(1L);
        assertThat(small.schema().field("f").schema().type()).isEqualTo(Schema.Type.FLOAT64);
        assertThat(small.getFloat64("f")).isEqualTo(1.5d);
    }

    @Test
    void fieldsKeepTheMapsOrderAndNestedMapsBecomeStructs() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Oslo");
        address.put("zip", "0150");
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", true);
        value.put("a", address);
        value.put("tags", List.of("x", "y"));

        Struct struct = SchemalessStructs.toStruct(value);

        assertThat(struct.schema().fields()).extracting(f -> f.name()).containsExactly("z", "a", "tags");
        assertThat(struct.getStruct("a").getString("city")).isEqualTo("Oslo");
        assertThat(struct.getArray("tags")).containsExactly("x", "y");
        assertThat(struct.getBoolean("z")).isTrue();
    }

    @Test
    void aNullHasNoTypeAndIsMarkedSo() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("missing", null);
        Struct struct = SchemalessStructs.toStruct(value);

        assertThat(SchemalessStructs.isNullType(struct.schema().field("missing").schema())).isTrue();
        assertThat(struct.get("missing")).isNull();
    }

    @Test
    void decimalsKeepTheirScale() {
        Struct struct = SchemalessStructs.toStruct(Map.of("price", new BigDecimal("12.340")));

        Schema schema = struct.schema().field("price").schema();
        assertThat(schema.name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(schema.parameters()).containsEntry(Decimal.SCALE_FIELD, "3");
        assertThat(struct.get("price")).isEqualTo(new BigDecimal("12.340"));
    }

    @Test
    void mixedNumbersInAnArrayWidenAndOtherMixesAreRejectedWithTheirPath() {
        Struct struct = SchemalessStructs.toStruct(Map.of("xs", Arrays.asList(1, 2.5, null)));
        assertThat(struct.getArray("xs")).containsExactly(1.0d, 2.5d, null);

        assertThatThrownBy(() -> SchemalessStructs.toStruct(Map.of("outer", Map.of("xs", List.of(1, "a")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("array 'outer.xs' mixes INT64 and STRING");
    }
}
