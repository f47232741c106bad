package io.cqrsconnect.rebuild;

import java.util.Collections;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The live connector's config as one step of the coordinator sees it: read through the Connect REST API the first
 * time the step looks at it, and kept for the rest of the step. A step may look several times (whether the handoff is
 * already done, the live connector's consumer group, the builder's config), and nothing a step does changes the config
 * before its last look, so one read per step is enough; a step that does not look does not read it at all.
 */
final class LiveConfig {

    private final ConnectApi connect;
    private final String connector;
    private Map<String, String> read;

    LiveConfig(ConnectApi connect, String connector) {
        this.connect = connect;
        this.connector = connector;
    }

    /** The config, read once and unmodifiable: every look in the step shares it. */
    Map<String, String> get() {
        if (read == null) {
            read = Collections.unmodifiableMap(connect.config(connector).orElseThrow(() -> new ConnectException(
                    "there is no connector '" + connector + "'")));
        }
        return read;
    }

    /** The generation the live connector writes; -1 when the setting is not a number. */
    int generation() {
        return ConnectorConfigs.generationOf(get());
    }
}
