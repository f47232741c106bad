package io.cqrsconnect.elasticsearch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class VersionedUpsertMergerTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void mergesObjectsDeeplyAndReplacesEverythingElse() throws Exception {
        ObjectNode stored = (ObjectNode) json.readTree(
                "{\"name\":\"Ada\",\"address\":{\"city\":\"Bern\",\"zip\":\"3000\"},\"tags\":[\"a\"]}");
        ObjectNode update = (ObjectNode) json.readTree(
                "{\"address\":{\"city\":\"Basel\"},\"tags\":[\"b\"],\"age\":36}");

        VersionedUpsertMerger.merge(stored, update);

        assertThat(stored).isEqualTo(json.readTree("{\"name\":\"Ada\",\"address\":{\"city\":\"Basel\","
                + "\"zip\":\"3000\"},\"tags\":[\"b\"],\"age\":36}"));
    }
}
