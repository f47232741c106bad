package io.cqrsconnect.jdbc.source.config;

import static io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig.*;

import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.RetrySettings;
import io.cqrsconnect.jdbc.common.JdbcConnectionSettings;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The JDBC source's {@link ConfigDef}: every key of {@link JdbcSourceConnectorConfig} with its type, default,
 * validator, recommender, group and documentation, in the order the reference docs list them.
 */
final class JdbcSourceConfigDef {

    private JdbcSourceConfigDef() {
    }

    static ConfigDef build() {
        ConfigDef def = new ConfigDef();
        JdbcConnectionSettings.define(def, CONNECTION_URL_DOC, CONNECTION_USER_DOC);

        int order = 0;
        def.define(MODE_CONFIG, Type.STRING, MODE_DEFAULT, EnumSetting.validator(CaptureMode.class),
                Importance.HIGH, MODE_DOC, CAPTURE_GROUP, ++order, Width.SHORT, "Mode",
                EnumSetting.recommender(CaptureMode.class));
        def.define(TABLE_INCLUDE_LIST_CONFIG, Type.LIST, "", Importance.HIGH, TABLE_INCLUDE_LIST_DOC,
                CAPTURE_GROUP, ++order, Width.LONG, "Tables to capture");
        def.define(TABLE_EXCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM, TABLE_EXCLUDE_LIST_DOC,
                CAPTURE_GROUP, ++order, Width.LONG, "Tables not to capture");
        def.define(SCHEMA_INCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM, SCHEMA_INCLUDE_LIST_DOC,
                CAPTURE_GROUP, ++order, Width.LONG, "Schemas to capture");
        def.define(SCHEMA_EXCLUDE_LIST_CONFIG, Type.LIST, "", Importance.LOW, SCHEMA_EXCLUDE_LIST_DOC,
                CAPTURE_GROUP, ++order, Width.LONG, "Schemas not to capture");
        def.define(TABLE_POLL_INTERVAL_MS_CONFIG, Type.LONG, TABLE_POLL_INTERVAL_MS_DEFAULT,
                ConfigDef.Range.atLeast(1_000L), Importance.LOW, TABLE_POLL_INTERVAL_MS_DOC, CAPTURE_GROUP, ++order,
                Width.SHORT, "Table list interval (ms)");
        def.define(QUERY_CONFIG, Type.STRING, QUERY_DEFAULT, Importance.MEDIUM, QUERY_DOC, CAPTURE_GROUP, ++order,
                Width.LONG, "Query");
        def.define(INCREMENTING_COLUMN_NAME_CONFIG, Type.STRING, INCREMENTING_COLUMN_NAME_DEFAULT, Importance.HIGH,
                INCREMENTING_COLUMN_NAME_DOC, CAPTURE_GROUP, ++order, Width.MEDIUM, "Incrementing column");
        def.define(TIMESTAMP_COLUMN_NAME_CONFIG, Type.STRING, TIMESTAMP_COLUMN_NAME_DEFAULT, Importance.HIGH,
                TIMESTAMP_COLUMN_NAME_DOC, CAPTURE_GROUP, ++order, Width.MEDIUM, "Timestamp column");
        def.define(PK_FIELDS_CONFIG, Type.LIST, "", Importance.MEDIUM, PK_FIELDS_DOC, CAPTURE_GROUP, ++order,
                Width.LONG, "Key columns");
        SnapshotSettings.define(def, CAPTURE_GROUP, order);

        ColumnSettings.define(def);

        order = 0;
        def.define(DB_TIMEZONE_CONFIG, Type.STRING, DB_TIMEZONE_DEFAULT, Importance.MEDIUM, DB_TIMEZONE_DOC,
                COMMIT_SAFETY_GROUP, ++order, Width.MEDIUM, "Database time zone");
        def.define(COMMIT_LOOKBACK_MS_CONFIG, Type.LONG, COMMIT_LOOKBACK_MS_DEFAULT, ConfigDef.Range.atLeast(0L),
                Importance.MEDIUM, COMMIT_LOOKBACK_MS_DOC, COMMIT_SAFETY_GROUP, ++order, Width.SHORT,
                "Look-back window (ms)");

        order = 0;
        def.define(TOPIC_PREFIX_CONFIG, Type.STRING, "", Importance.HIGH, TOPIC_PREFIX_DOC, OUTPUT_GROUP, ++order,
                Width.MEDIUM, "Topic prefix");
        def.define(OUTPUT_FORMAT_CONFIG, Type.STRING, OUTPUT_FORMAT_DEFAULT, EnumSetting.validator(OutputFormat.class),
                Importance.MEDIUM, OUTPUT_FORMAT_DOC, OUTPUT_GROUP, ++order, Width.SHORT, "Output format",
                EnumSetting.recommender(OutputFormat.class));

        ChangelogSettings.define(def);

        order = 0;
        def.define(POLL_INTERVAL_MS_CONFIG, Type.LONG, POLL_INTERVAL_MS_DEFAULT, ConfigDef.Range.atLeast(1L),
                Importance.MEDIUM, POLL_INTERVAL_MS_DOC, POLLING_GROUP, ++order, Width.SHORT, "Poll interval (ms)");
        def.define(BATCH_MAX_ROWS_CONFIG, Type.INT, BATCH_MAX_ROWS_DEFAULT, ConfigDef.Range.atLeast(1),
                Importance.MEDIUM, BATCH_MAX_ROWS_DOC, POLLING_GROUP, ++order, Width.SHORT, "Rows per query");
        RetrySettings.define(def, POLLING_GROUP, order, "Retries of a read that failed for a transient reason "
                + "(connection loss, the database restarting), reconnecting before each. When they are spent, the "
                + "task fails (it never shows RUNNING while it cannot read); nothing unread is committed.");
        OutboxSettings.define(def);
        return def;
    }

}
