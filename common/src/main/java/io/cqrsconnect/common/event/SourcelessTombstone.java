package io.cqrsconnect.common.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one tombstone a sink cannot route and need not: Debezium writes a tombstone right after each delete event, and a
 * tombstone carries no source block, so {@link ChangeEventReader} gives it the source of its topic's last change
 * event. When a task restarts between the two, the tombstone is the first record it reads and has no source; if the
 * target's name needs the source ({@code ${source.table}}), there is no target to name. The delete event before it was
 * already written (its offset is committed, or the tombstone would not come first), so the tombstone is skipped with
 * a log line instead of failing as a bad record.
 */
public final class SourcelessTombstone {

    private static final Logger LOG = LoggerFactory.getLogger(SourcelessTombstone.class);

    private SourcelessTombstone() {
    }

    /**
     * Whether to skip the event because it is such a tombstone; logs each one skipped.
     *
     * @param targetNeedsSource whether the name format of the sink's target uses the change's source
     * @param target            what the format names, for the log line: {@code index}, {@code table}
     */
    public static boolean skip(ChangeEvent event, boolean targetNeedsSource, String target) {
        if (!event.tombstone() || event.source() != null || !targetNeedsSource) {
            return false;
        }
        LOG.info("Skipping the tombstone at {}: the {} name format needs its source table, and the delete event "
                + "before it has already been written", event.coordinates(), target);
        return true;
    }
}
