package io.cqrsconnect.jdbc.source.config;

import java.util.Optional;

import io.cqrsconnect.common.config.ConfigProblems;
import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.jdbc.common.TableId;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Whether a table is read whole before its changes are captured, and the table whose signals ask for a table to be
 * read again: Debezium's {@code snapshot.mode} and {@code signal.data.collection}, with their meaning. Add a
 * snapshot setting here.
 *
 * @param mode whether tables without an offset are snapshotted first
 * @param signalTable the signal table, or null when there is none
 */
public record SnapshotSettings(SnapshotMode mode, TableId signalTable) {

    public static final String SNAPSHOT_MODE_CONFIG = "snapshot.mode";
    public static final String SNAPSHOT_MODE_DOC = "For modes changelog, timestamp and timestamp_incrementing. "
            + "initial: a table with no stored offset is first read whole, in keyset chunks of batch.max.rows rows "
            + "ordered by its key columns (memory bounded by one chunk; each record's offset holds the chunk "
            + "position, so a restart resumes after the last committed row), then its changes are captured with "
            + "nothing lost in between: in changelog mode the changelog is installed before the snapshot and read "
            + "from its start after it; in the timestamp modes rows stamped at or after the commit horizon taken "
            + "when the snapshot started are read after it (rows changed during the snapshot, or stamped "
            + "shortly before it, within the horizon's distance from the clock, may come twice, the latest last). "
            + "Rows whose timestamp is NULL are captured by the snapshot only. A query and an outbox are never "
            + "snapshotted. never: no snapshot (changelog mode then emits only changes made after the install). "
            + "bulk and incrementing already read every row in key or id order and ignore it.";
    public static final String SNAPSHOT_MODE_DEFAULT = "initial";

    public static final String SIGNAL_DATA_COLLECTION_CONFIG = "signal.data.collection";
    public static final String SIGNAL_DATA_COLLECTION_DOC = "Debezium's source signaling channel: a table (schema.table "
            + "or table) with columns id (text, the primary key), type (text) and data (text) that each task reads "
            + "every poll.interval.ms. A row of type execute-snapshot with data {\"data-collections\": "
            + "[\"schema.table\", ...], \"type\": \"incremental\"} snapshots the named tables again (matched as "
            + "the task prints them, with or without schema), in chunks, while the task's other tables are captured; "
            + "then each resumes its capture where it was. A signal runs once per table, across restarts: the ids "
            + "executed are kept in the table's offset as long as their rows stay in the signal table (ids must not "
            + "contain commas). Not for bulk (it reads every row each pass) or a query. Empty: no signals.";
    public static final String SIGNAL_DATA_COLLECTION_DEFAULT = "";

    /**
     * Defines the settings in {@code group} after its {@code order}-th.
     *
     * @return the order of the last one defined
     */
    static int define(ConfigDef def, String group, int order) {
        def.define(SNAPSHOT_MODE_CONFIG, Type.STRING, SNAPSHOT_MODE_DEFAULT, EnumSetting.validator(SnapshotMode.class),
                Importance.MEDIUM, SNAPSHOT_MODE_DOC, group, ++order, Width.SHORT, "Snapshot mode",
                EnumSetting.recommender(SnapshotMode.class));
        def.define(SIGNAL_DATA_COLLECTION_CONFIG, Type.STRING, SIGNAL_DATA_COLLECTION_DEFAULT, Importance.LOW,
                SIGNAL_DATA_COLLECTION_DOC, group, ++order, Width.MEDIUM, "Signal table");
        return order;
    }

    /** The settings of a configuration; a signal table name that does not parse is reported on its key. */
    static SnapshotSettings of(AbstractConfig config, ConfigProblems problems) {
        SnapshotMode mode = EnumSetting.parse(SnapshotMode.class, SNAPSHOT_MODE_CONFIG,
                config.getString(SNAPSHOT_MODE_CONFIG));
        String name = config.getString(SIGNAL_DATA_COLLECTION_CONFIG).trim();
        try {
            return new SnapshotSettings(mode, name.isEmpty() ? null : TableId.parse(name));
        } catch (IllegalArgumentException e) {
            problems.add(SIGNAL_DATA_COLLECTION_CONFIG, e.getMessage());
            return new SnapshotSettings(mode, null);
        }
    }

    /** True when tables without an offset are read whole first. */
    public boolean initial() {
        return mode == SnapshotMode.INITIAL;
    }

    /** The signal table ({@link #SIGNAL_DATA_COLLECTION_CONFIG}), or empty. */
    public Optional<TableId> signalDataCollection() {
        return Optional.ofNullable(signalTable);
    }
}
