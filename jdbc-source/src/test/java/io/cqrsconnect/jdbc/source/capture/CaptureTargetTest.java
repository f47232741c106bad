package io.cqrsconnect.jdbc.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TableId;
import io.cqrsconnect.jdbc.common.dialect.GenericDialect;
import org.junit.jupiter.api.Test;

class CaptureTargetTest {

    private final SourceDialect dialect = new GenericDialect();

    @Test
    void aTableIsQuotedAndItsTopicHoldsOnlyWhatTopicNamesMay() {
        CaptureTarget table = new CaptureTarget.Table(TableId.of("Order Lines"));
        assertThat(table.appendFrom(new SqlBuilder(IdentifierRules.ANSI), dialect).toString())
                .isEqualTo("\"Order Lines\"");
        assertThat(table.topic("shop.")).isEqualTo("shop.Order_Lines");
        assertThat(table.partition()).containsEntry("table", "Order Lines");
    }

    @Test
    void aQueryIsWrappedAsADerivedTableNotEdited() {
        String query = "SELECT o.id FROM orders o WHERE o.total > 10";
        CaptureTarget wrapped = new CaptureTarget.Query(query);
        assertThat(wrapped.appendFrom(dialect.sql().append("SELECT * FROM "), dialect).toString())
                .isEqualTo("SELECT * FROM (" + query + ") \"cqrs_query\"");
        assertThat(wrapped.topic("big-orders")).isEqualTo("big-orders");
    }
}
