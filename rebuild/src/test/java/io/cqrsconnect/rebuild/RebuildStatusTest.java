package io.cqrsconnect.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RebuildStatusTest {

    private static RebuildStatus building(PartitionProgress... partitions) {
        return RebuildStatus.requested("orders-search", Map.of("field.include.list", "id,total"), "2026-12-06T10:00:00Z",
                false)
                .withGenerations(3, 4).withLogicalNames(List.of("orders")).withPartitions(List.of(partitions))
                .in(RebuildState.BUILDING);
    }

    @Test
    void progressCountsRecordsFromTheStartToTheTargetOnly() {
        RebuildStatus status = building(new PartitionProgress("orders", 0, 100, 300, 150, -1),
                new PartitionProgress("orders", 1, 0, 200, 260, -1));

        assertThat(status.recordsTotal()).isEqualTo(400);
        assertThat(status.recordsDone()).as("partition 1 past its target counts up to it").isEqualTo(250);
        assertThat(status.percent()).isEqualTo(62.5);
        assertThat(status.caughtUp()).isFalse();
        assertThat(building(new PartitionProgress("orders", 0, 100, 300, 300, -1)).caughtUp()).isTrue();
    }

    @Test
    void theBuilderIsNamedAfterTheConnectorAndTheGenerationItBuilds() {
        assertThat(building().builder()).isEqualTo("orders-search-rebuild-g4");
    }

    @Test
    void aStatusSurvivesTheStatusTopicAsJsonWithItsDerivedFigures() throws Exception {
        RebuildStatus status = building(new PartitionProgress("orders", 0, 0, 10, 5, -1)).withRate(2.5, 2)
                .withLastError("the Connect REST API did not answer");

        String json = StatusLog.JSON.writeValueAsString(status);
        JsonNode tree = StatusLog.JSON.readTree(json);

        assertThat(tree.path("state").asText()).isEqualTo("BUILDING");
        assertThat(tree.path("serving_generation").asInt()).isEqualTo(3);
        assertThat(tree.path("records_done").asLong()).isEqualTo(5);
        assertThat(tree.path("percent").asDouble()).isEqualTo(50.0);
        assertThat(tree.path("partitions").get(0).path("target").asLong()).isEqualTo(10);
        assertThat(StatusLog.JSON.readValue(json, RebuildStatus.class)).isEqualTo(status);
    }
}
