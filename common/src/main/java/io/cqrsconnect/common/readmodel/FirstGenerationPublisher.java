package io.cqrsconnect.common.readmodel;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a sink writing a read model's generation ({@code read.model.generation}) does with the logical name, in every
 * store alike: when the name does not exist yet, it is pointed at this generation, so readers can use it at once;
 * when it is a plain table or index (made before the model had generations), it is left alone with a warning, since
 * no switch can replace it; when it shows this very generation and the generation's table changed, it is pointed
 * again (a view's column list is fixed when it is created). A name that shows another generation is left alone:
 * switching a live model to a newer generation is the rebuild's decision, not the sink's.
 */
public final class FirstGenerationPublisher {

    /** The sinks' setting that chooses the generation they write, named in the log lines. */
    public static final String GENERATION_CONFIG = "read.model.generation";

    private static final Logger LOG = LoggerFactory.getLogger(FirstGenerationPublisher.class);

    /** Whether a logical name is taken by a plain table or index, which a {@link LogicalNameSwitch} cannot repoint. */
    @FunctionalInterface
    public interface PlainName {
        boolean isPlain(String logicalName) throws Exception;
    }

    /** What {@link #publish} did. */
    public enum Outcome {
        /** The logical name did not exist and now points at the generation. */
        POINTED,
        /** The logical name is a plain table or index and was left alone. */
        LEFT_PLAIN,
        /** The logical name showed the generation and was pointed at it again after the generation changed. */
        REFRESHED,
        /** Nothing to do: the name already points at this or another generation. */
        UNCHANGED
    }

    private final LogicalNameSwitch names;
    private final PlainName plain;
    private final String physicalKind;
    private final String logicalKind;

    /**
     * @param names        the store's switch of logical names
     * @param plain        whether a logical name is a plain table or index
     * @param physicalKind what holds a generation in the store, for the log lines: {@code table}, {@code index}
     * @param logicalKind  what a logical name is in the store, for the log lines: {@code view}, {@code alias}
     */
    public FirstGenerationPublisher(LogicalNameSwitch names, PlainName plain, String physicalKind,
                                    String logicalKind) {
        this.names = names;
        this.plain = plain;
        this.physicalKind = physicalKind;
        this.logicalKind = logicalKind;
    }

    /**
     * Publishes the generation under its logical name when the name does not exist yet, or refreshes the name.
     *
     * @param changed whether the generation's table or index changed since the name was pointed at it
     * @throws Exception what the store's switch throws; nothing is left half-done (the switch is atomic)
     */
    public Outcome publish(ReadModelGeneration generation, boolean changed) throws Exception {
        String logical = generation.logicalName();
        Optional<ReadModelGeneration> current = names.current(logical);
        if (current.isEmpty()) {
            if (plain.isPlain(logical)) {
                LOG.warn("Read model '{}' is a plain {}, so it cannot become the {} of generation {} ({}={}): "
                        + "readers keep seeing the old {}. Rename or drop it, or set {}=0.", logical, physicalKind,
                        logicalKind, generation.physicalName(), GENERATION_CONFIG, generation.generation(),
                        physicalKind, GENERATION_CONFIG);
                return Outcome.LEFT_PLAIN;
            }
            pointTo(generation);
            LOG.info("Read model '{}' is now a {} of its first generation {} ({}={})", logical, logicalKind,
                    generation.physicalName(), GENERATION_CONFIG, generation.generation());
            return Outcome.POINTED;
        }
        if (changed && current.get().equals(generation)) {
            pointTo(generation);
            LOG.info("Read model '{}': its {} was refreshed after generation {} changed", logical, logicalKind,
                    generation.physicalName());
            return Outcome.REFRESHED;
        }
        return Outcome.UNCHANGED;
    }

    /**
     * Points the name at the generation. The tasks of one connector publish at the same time and may collide (H2
     * refuses the second of two concurrent {@code CREATE OR REPLACE VIEW} with "object already exists"): when the
     * name shows the generation after a failure, another task was first, and pointing once more (harmless, each
     * switch is atomic and ends in the same state) takes in what this task's own change to the generation brought.
     */
    private void pointTo(ReadModelGeneration generation) throws Exception {
        try {
            names.pointTo(generation);
        } catch (Exception first) {
            if (!names.current(generation.logicalName()).map(generation::equals).orElse(false)) {
                throw first;
            }
            try {
                names.pointTo(generation);
            } catch (Exception second) {
                first.addSuppressed(second);
                throw first;
            }
        }
    }
}
