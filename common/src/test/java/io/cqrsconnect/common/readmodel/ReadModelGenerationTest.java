package io.cqrsconnect.common.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadModelGenerationTest {

    @Test
    void physicalNamesRoundTrip() {
        ReadModelGeneration third = new ReadModelGeneration("orders_by_customer", 3);

        assertThat(third.physicalName()).isEqualTo("orders_by_customer__g3");
        assertThat(ReadModelGeneration.parse("orders_by_customer__g3")).contains(third);
        assertThat(third.next().physicalName()).isEqualTo("orders_by_customer__g4");
    }

    @Test
    void namesOutsideTheProtocolAreNotGenerations() {
        assertThat(ReadModelGeneration.parse("orders")).isEmpty();
        assertThat(ReadModelGeneration.parse("orders__g0")).isEmpty();
        assertThat(ReadModelGeneration.parse("orders__gx")).isEmpty();
        assertThat(ReadModelGeneration.parse("__g2")).isEmpty();
        assertThat(ReadModelGeneration.parse("a__g1__g2")).contains(new ReadModelGeneration("a__g1", 2));
    }

    @Test
    void generationsCountFromOne() {
        assertThatThrownBy(() -> new ReadModelGeneration("orders", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadModelGeneration("", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
