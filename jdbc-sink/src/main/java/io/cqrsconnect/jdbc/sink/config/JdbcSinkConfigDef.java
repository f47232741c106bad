package io.cqrsconnect.jdbc.sink.config;

import static io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.*;

import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.RetrySettings;
import io.cqrsconnect.common.offsets.CommitRequests;
import io.cqrsconnect.jdbc.common.JdbcConnectionSettings;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.ArrayMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.InsertMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.NestedMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.PrimaryKeyMode;
import io.cqrsconnect.jdbc.sink.config.JdbcSinkConnectorConfig.VersionMode;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The JDBC sink's {@link ConfigDef}: every key of {@link JdbcSinkConnectorConfig} with its type, default, validator,
 * recommender, group and documentation, in the order the reference docs list them.
 */
final class JdbcSinkConfigDef {

    private JdbcSinkConfigDef() {
    }

    static ConfigDef build() {
        ConfigDef def = new ConfigDef();
        JdbcConnectionSettings.define(def, CONNECTION_URL_DOC, CONNECTION_USER_DOC);

        int order = 0;
        def.define(INSERT_MODE_CONFIG, Type.STRING, INSERT_MODE_DEFAULT, EnumSetting.validator(InsertMode.class),
                Importance.HIGH, INSERT_MODE_DOC, WRITES_GROUP, ++order, Width.SHORT, "Insert mode",
                EnumSetting.recommender(InsertMode.class));
        def.define(DELETE_ENABLED_CONFIG, Type.BOOLEAN, DELETE_ENABLED_DEFAULT, Importance.MEDIUM,
                DELETE_ENABLED_DOC, WRITES_GROUP, ++order, Width.SHORT, "Deletes");
        def.define(PK_MODE_CONFIG, Type.STRING, PK_MODE_DEFAULT, EnumSetting.validator(PrimaryKeyMode.class),
                Importance.HIGH, PK_MODE_DOC, WRITES_GROUP, ++order, Width.SHORT, "Primary key mode",
                EnumSetting.recommender(PrimaryKeyMode.class));
        def.define(PK_FIELDS_CONFIG, Type.LIST, "", Importance.MEDIUM, PK_FIELDS_DOC, WRITES_GROUP, ++order,
                Width.LONG, "Primary key fields");
        def.define(VERSION_MODE_CONFIG, Type.STRING, VERSION_MODE_DEFAULT, EnumSetting.validator(VersionMode.class),
                Importance.MEDIUM, VERSION_MODE_DOC, WRITES_GROUP, ++order, Width.SHORT, "Version guard",
                EnumSetting.recommender(VersionMode.class));
        def.define(VERSION_FIELD_CONFIG, Type.STRING, VERSION_FIELD_DEFAULT, Importance.MEDIUM, VERSION_FIELD_DOC,
                WRITES_GROUP, ++order, Width.MEDIUM, "Version field");
        def.define(VERSION_COLUMN_CONFIG, Type.STRING, VERSION_COLUMN_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.LOW, VERSION_COLUMN_DOC, WRITES_GROUP, ++order, Width.MEDIUM, "Offset version column");

        order = 0;
        def.define(TABLE_NAME_FORMAT_CONFIG, Type.STRING, TABLE_NAME_FORMAT_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.MEDIUM, TABLE_NAME_FORMAT_DOC, ROUTING_GROUP, ++order, Width.LONG, "Table name format");
        def.define(READ_MODEL_GENERATION_CONFIG, Type.INT, READ_MODEL_GENERATION_DEFAULT, ConfigDef.Range.atLeast(0),
                Importance.MEDIUM, READ_MODEL_GENERATION_DOC, ROUTING_GROUP, ++order, Width.SHORT,
                "Read model generation");
        def.define(FIELD_INCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM, FIELDS_INCLUDE_DOC, ROUTING_GROUP,
                ++order, Width.LONG, "Fields to include");
        def.define(FIELD_EXCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM, FIELDS_EXCLUDE_DOC, ROUTING_GROUP,
                ++order, Width.LONG, "Fields to exclude");
        def.define(FIELD_RENAMES_CONFIG, Type.LIST, "", Importance.LOW, FIELDS_RENAME_DOC, ROUTING_GROUP, ++order,
                Width.LONG, "Field renames");
        def.define(NESTED_MODE_CONFIG, Type.STRING, NESTED_MODE_DEFAULT, EnumSetting.validator(NestedMode.class),
                Importance.LOW, NESTED_MODE_DOC, ROUTING_GROUP, ++order, Width.SHORT, "Nested structs",
                EnumSetting.recommender(NestedMode.class));
        def.define(NESTED_SEPARATOR_CONFIG, Type.STRING, NESTED_SEPARATOR_DEFAULT, new ConfigDef.NonEmptyString(),
                Importance.LOW, NESTED_SEPARATOR_DOC, ROUTING_GROUP, ++order, Width.SHORT, "Flatten separator");
        def.define(ARRAY_MODE_CONFIG, Type.STRING, ARRAY_MODE_DEFAULT, EnumSetting.validator(ArrayMode.class),
                Importance.LOW, ARRAY_MODE_DOC, ROUTING_GROUP, ++order, Width.SHORT, "Arrays",
                EnumSetting.recommender(ArrayMode.class));

        order = 0;
        def.define(AUTO_CREATE_CONFIG, Type.BOOLEAN, AUTO_CREATE_DEFAULT, Importance.MEDIUM, AUTO_CREATE_DOC,
                DDL_GROUP, ++order, Width.SHORT, "Create tables");
        def.define(AUTO_EVOLVE_CONFIG, Type.BOOLEAN, AUTO_EVOLVE_DEFAULT, Importance.MEDIUM, AUTO_EVOLVE_DOC,
                DDL_GROUP, ++order, Width.SHORT, "Evolve tables");

        order = 0;
        def.define(BATCH_SIZE_CONFIG, Type.INT, BATCH_SIZE_DEFAULT, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                BATCH_SIZE_DOC, BATCHING_GROUP, ++order, Width.SHORT, "Batch size");
        order = RetrySettings.define(def, BATCHING_GROUP, order, "Retries of a write that failed for a transient "
                + "reason (connection loss, deadlock, serialization failure), reconnecting before each. When they are "
                + "spent, the task fails and nothing unwritten is committed.");
        order = CommitRequests.define(def, BATCHING_GROUP, order);

        order = 0;
        def.define(EXACTLY_ONCE_ENABLED_CONFIG, Type.BOOLEAN, EXACTLY_ONCE_ENABLED_DEFAULT, Importance.MEDIUM,
                EXACTLY_ONCE_ENABLED_DOC, EXACTLY_ONCE_GROUP, ++order, Width.SHORT, "Exactly-once");
        def.define(EXACTLY_ONCE_OFFSETS_TABLE_CONFIG, Type.STRING, EXACTLY_ONCE_OFFSETS_TABLE_DEFAULT,
                new TableNameValidator(), Importance.LOW, EXACTLY_ONCE_OFFSETS_TABLE_DOC, EXACTLY_ONCE_GROUP,
                ++order, Width.MEDIUM, "Offsets table");
        return def;
    }

    /** Accepts {@code table} or {@code schema.table} ({@link TableId#parse}), refusing it on its key otherwise. */
    private static final class TableNameValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                TableId.parse(value == null ? "" : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "write table or schema.table: one '.' at most, with a "
                        + "name on each side");
            }
        }

        @Override
        public String toString() {
            return "table or schema.table";
        }
    }

}
