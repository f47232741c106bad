package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import io.cqrsconnect.jdbc.common.dialect.MySqlDialect;
import io.cqrsconnect.jdbc.common.dialect.SqliteDialect;
import org.junit.jupiter.api.Test;

class SqlErrorClassifierTest {

    private final SqlErrorClassifier standard = new SqlErrorClassifier();

    @Test
    void classifiesBySqlStateClass() {
        assertThat(standard.classify(new SQLException("gone", "08006"))).isEqualTo(SqlErrorKind.TRANSIENT);
        assertThat(standard.classify(new SQLException("deadlock", "40P01"))).isEqualTo(SqlErrorKind.TRANSIENT);
        assertThat(standard.classify(new SQLException("serialization", "40001"))).isEqualTo(SqlErrorKind.TRANSIENT);
        assertThat(standard.classify(new SQLException("too long", "22001"))).isEqualTo(SqlErrorKind.RECORD);
        assertThat(standard.classify(new SQLException("duplicate", "23505"))).isEqualTo(SqlErrorKind.RECORD);
        assertThat(standard.classify(new SQLException("no table", "42P01"))).isEqualTo(SqlErrorKind.FATAL);
    }

    @Test
    void looksThroughBatchExceptionsToTheirCause() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", "", 0, new int[0], null);
        batch.setNextException(new SQLException("value too long for type character varying(3)", "22001"));
        assertThat(standard.classify(batch)).isEqualTo(SqlErrorKind.RECORD);
    }

    @Test
    void mysqlAndSqliteErrorCodesAreUnderstood() {
        assertThat(new MySqlDialect().errors().classify(new SQLException("Lock wait timeout", "HY000", 1205)))
                .isEqualTo(SqlErrorKind.TRANSIENT);
        assertThat(new SqliteDialect().errors().classify(new SQLException("UNIQUE constraint", null, 1555)))
                .isEqualTo(SqlErrorKind.RECORD);
        assertThat(new SqliteDialect().errors().classify(new SQLException("database is locked", null, 5)))
                .isEqualTo(SqlErrorKind.TRANSIENT);
    }

    @Test
    void findsTheColumnAnErrorNames() {
        assertThat(standard.column(new SQLException("Data too long for column 'name' at row 1")))
                .contains("name");
        assertThat(standard.column(new SQLException("null value in column \"total\" of relation \"orders\"")))
                .contains("total");
        assertThat(standard.column(new SQLException("syntax error"))).isEmpty();
    }
}
