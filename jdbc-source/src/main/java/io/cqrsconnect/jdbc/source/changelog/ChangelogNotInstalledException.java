package io.cqrsconnect.jdbc.source.changelog;

import org.apache.kafka.connect.errors.ConnectException;

/** A changelog the connector may not install is missing; the message holds the DDL a DBA must run. */
public class ChangelogNotInstalledException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public ChangelogNotInstalledException(String message) {
        super(message);
    }
}
