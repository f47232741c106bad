package io.cqrsconnect.jdbc.source.config;

import static io.cqrsconnect.jdbc.source.config.OutboxSettings.OUTBOX_DELETE_ENABLED_CONFIG;
import static io.cqrsconnect.jdbc.source.config.OutboxSettings.OUTBOX_ENABLED_CONFIG;

import io.cqrsconnect.common.config.ConfigProblems;

/** The outbox relay's rules between settings: what a relay can read, and what it can delete. */
final class OutboxRules {

    private OutboxRules() {
    }

    static void collect(JdbcSourceConnectorConfig config, ConfigProblems problems) {
        OutboxSettings outbox = config.outbox();
        if (outbox.enabled() && config.mode() == CaptureMode.BULK) {
            problems.add(JdbcSourceConnectorConfig.MODE_CONFIG, "an outbox relay reads each row once: use "
                    + "incrementing over the outbox's id or sequence column, or a timestamp mode, not bulk");
        }
        if (outbox.deleteRelayed() && !outbox.enabled()) {
            problems.add(OUTBOX_DELETE_ENABLED_CONFIG, "only relayed outbox rows are deleted: set "
                    + OUTBOX_ENABLED_CONFIG + "=true, or leave this false");
        }
        if (outbox.deleteRelayed() && config.capturesQuery()) {
            problems.add(OUTBOX_DELETE_ENABLED_CONFIG, "a query's rows cannot be deleted: capture the outbox "
                    + "table through table.include.list, or leave this false");
        }
    }
}
