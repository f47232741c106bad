package io.cqrsconnect.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.cqrsconnect.common.readmodel.LogicalNameSwitch;
import org.junit.jupiter.api.Test;

class ConnectorConfigsTest {

    /** A store whose builder replays with one setting of its own. */
    private static final ReadModelStore STORE = new ReadModelStore() {
        @Override
        public void open(Map<String, String> sinkConfig) {
        }

        @Override
        public List<String> logicalNames(Map<String, String> sinkConfig, List<String> topics) {
            return List.of();
        }

        @Override
        public LogicalNameSwitch names() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> replaySettings(Map<String, String> liveConfig) {
            return Map.of("read.model.replay.refresh", "off");
        }

        @Override
        public void clear(String physicalName) {
        }

        @Override
        public void close() {
        }
    };

    private static RebuildStatus building(Map<String, String> overrides) {
        return RebuildStatus.requested("orders", overrides, "2026-12-06T10:00:00Z", false).withGenerations(2, 3);
    }

    @Test
    void aGenerationIsAWholeNumberOfIntSizeAndAbsentMeansNone() {
        assertThat(ConnectorConfigs.generationOf(Map.of())).isZero();
        assertThat(ConnectorConfigs.generationOf(Map.of("read.model.generation", " 4 "))).isEqualTo(4);
        assertThat(ConnectorConfigs.generationOf(Map.of("read.model.generation", "four"))).isEqualTo(-1);
        assertThat(ConnectorConfigs.generationOf(Map.of("read.model.generation", "3000000000")))
                .as("past an int, as Integer.parseInt refused it").isEqualTo(-1);
    }

    @Test
    void theBuilderRunsOnTheNextGenerationInAGroupOfItsOwnCommittingAtLeastEverySecond() {
        Map<String, String> live = Map.of("name", "orders", "read.model.generation", "2",
                "consumer.override.group.id", "orders-group", "offset.commit.interval.ms", "60000");

        assertThat(new ConnectorConfigs(STORE).builder(live, building(Map.of("field.include.list", "id"))))
                .containsEntry("name", "orders-rebuild-g3")
                .containsEntry("read.model.generation", "3")
                .containsEntry("consumer.override.group.id", "connect-orders-rebuild-g3")
                .containsEntry("offset.commit.interval.ms", "1000")
                .containsEntry("read.model.replay.refresh", "off")
                .containsEntry("field.include.list", "id");
    }

    @Test
    void aCommitIntervalThatIsShortKeepsItsValueAndOneThatIsNotANumberIsReplaced() {
        assertThat(ConnectorConfigs.replayingInPlace(Map.of("offset.commit.interval.ms", "250"), building(Map.of())))
                .containsEntry("offset.commit.interval.ms", "250");
        assertThat(ConnectorConfigs.replayingInPlace(Map.of("offset.commit.interval.ms", "soon"), building(Map.of())))
                .containsEntry("offset.commit.interval.ms", "1000");
    }

    @Test
    void theLiveConnectorTakesTheRebuildsChangesButNotTheReplaysOwn() {
        Map<String, String> resuming = ConnectorConfigs.resumingOnNewGeneration(Map.of("read.model.generation", "2"),
                building(Map.of("field.include.list", "id", "read.model.replay.refresh", "off")));

        assertThat(resuming).isEqualTo(Map.of("read.model.generation", "3", "field.include.list", "id"));
    }
}
