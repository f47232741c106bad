package io.cqrsconnect.common.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cqrsconnect.common.readmodel.FirstGenerationPublisher.Outcome;
import org.junit.jupiter.api.Test;

class FirstGenerationPublisherTest {

    /** Logical names held in memory, as a store's aliases or views would hold them; every repoint is recorded. */
    private static class InMemorySwitch implements LogicalNameSwitch {
        final Map<String, ReadModelGeneration> pointed = new HashMap<>();
        final Set<String> plainNames = new HashSet<>();
        final List<ReadModelGeneration> repoints = new ArrayList<>();
        /** Set to have the next repoint fail the way a concurrent one by another task makes it fail. */
        ReadModelGeneration pointedConcurrently;

        @Override
        public Optional<ReadModelGeneration> current(String logicalName) {
            return Optional.ofNullable(pointed.get(logicalName));
        }

        @Override
        public List<ReadModelGeneration> generations(String logicalName) {
            return List.copyOf(pointed.values());
        }

        @Override
        public void pointTo(ReadModelGeneration target) {
            if (plainNames.contains(target.logicalName())) {
                throw new IllegalStateException(target.logicalName() + " is a plain table");
            }
            if (pointedConcurrently != null) {
                pointed.put(pointedConcurrently.logicalName(), pointedConcurrently);
                pointedConcurrently = null;
                throw new IllegalStateException("object already exists: " + target.logicalName());
            }
            pointed.put(target.logicalName(), target);
            repoints.add(target);
        }

        @Override
        public void retire(ReadModelGeneration generation) {
        }

        FirstGenerationPublisher publisher() {
            return new FirstGenerationPublisher(this, plainNames::contains, "table", "view");
        }
    }

    private static final ReadModelGeneration FIRST = new ReadModelGeneration("orders", 1);
    private static final ReadModelGeneration SECOND = new ReadModelGeneration("orders", 2);

    @Test
    void aMissingLogicalNameIsPointedAtTheGeneration() throws Exception {
        InMemorySwitch names = new InMemorySwitch();

        assertThat(names.publisher().publish(FIRST, false)).isEqualTo(Outcome.POINTED);

        assertThat(names.current("orders")).contains(FIRST);
        assertThat(names.publisher().publish(FIRST, false)).isEqualTo(Outcome.UNCHANGED);
        assertThat(names.repoints).containsExactly(FIRST);
    }

    @Test
    void anotherTaskPublishingTheSameGenerationAtTheSameMomentIsNoFailure() throws Exception {
        InMemorySwitch names = new InMemorySwitch();
        names.pointedConcurrently = FIRST;

        assertThat(names.publisher().publish(FIRST, false)).isEqualTo(Outcome.POINTED);

        assertThat(names.current("orders")).contains(FIRST);
        assertThat(names.repoints).as("pointed once more after the collision").containsExactly(FIRST);
    }

    @Test
    void aCollisionThatLeavesAnotherGenerationIsAFailure() {
        InMemorySwitch names = new InMemorySwitch();
        names.pointedConcurrently = SECOND;

        assertThatThrownBy(() -> names.publisher().publish(FIRST, false)).hasMessageContaining("already exists");

        assertThat(names.current("orders")).contains(SECOND);
    }

    @Test
    void aPlainTableUnderTheLogicalNameIsLeftAlone() throws Exception {
        InMemorySwitch names = new InMemorySwitch();
        names.plainNames.add("orders");

        assertThat(names.publisher().publish(FIRST, true)).isEqualTo(Outcome.LEFT_PLAIN);

        assertThat(names.repoints).isEmpty();
    }

    @Test
    void aNameShowingThisGenerationIsRefreshedOnlyWhenTheGenerationChanged() throws Exception {
        InMemorySwitch names = new InMemorySwitch();
        names.pointTo(FIRST);

        assertThat(names.publisher().publish(FIRST, false)).isEqualTo(Outcome.UNCHANGED);
        assertThat(names.publisher().publish(FIRST, true)).isEqualTo(Outcome.REFRESHED);

        assertThat(names.repoints).containsExactly(FIRST, FIRST);
    }

    @Test
    void aNameShowingAnotherGenerationIsTheRebuildsToSwitch() throws Exception {
        InMemorySwitch names = new InMemorySwitch();
        names.pointTo(FIRST);

        assertThat(names.publisher().publish(SECOND, true)).isEqualTo(Outcome.UNCHANGED);

        assertThat(names.current("orders")).contains(FIRST);
        assertThat(names.repoints).containsExactly(FIRST);
    }

    @Test
    void whatTheSwitchThrowsReachesTheSink() {
        LogicalNameSwitch failing = new InMemorySwitch() {
            @Override
            public Optional<ReadModelGeneration> current(String logicalName) {
                throw new IllegalStateException("store unreachable");
            }
        };
        FirstGenerationPublisher publisher = new FirstGenerationPublisher(failing, name -> false, "index", "alias");

        assertThatThrownBy(() -> publisher.publish(FIRST, false)).hasMessage("store unreachable");
    }
}
