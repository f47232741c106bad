package io.cqrsconnect.jdbc.sink.write;

import java.sql.SQLException;

import io.cqrsconnect.jdbc.common.SqlErrorKind;

/**
 * A failed write attempt with what the dialect said the failure means, so that it is classified once, where the
 * transaction is rolled back: the retry loop retries it when transient, and its message picks its hint by it.
 */
final class ClassifiedFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SQLException error;
    private final SqlErrorKind kind;

    ClassifiedFailure(SQLException error, SqlErrorKind kind) {
        super(error.toString(), error);
        this.error = error;
        this.kind = kind;
    }

    SQLException error() {
        return error;
    }

    SqlErrorKind kind() {
        return kind;
    }
}
