package io.cqrsconnect.jdbc.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.cqrsconnect.jdbc.common.IdentifierRules;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TrackingKind;
import org.junit.jupiter.api.Test;

class KeysetConditionTest {

    @Test
    void positionsAfterATupleWithQuotedColumnsAndOnlyParameters() {
        SqlBuilder sql = new SqlBuilder(IdentifierRules.ANSI);
        KeysetCondition.append(sql, List.of(new OrderColumn("updated at", TrackingKind.WALL_CLOCK),
                new OrderColumn("id", TrackingKind.INTEGER)));
        assertThat(sql.toString()).isEqualTo("((\"updated at\" > ?) OR (\"updated at\" = ? AND \"id\" > ?))"
                + " AND \"updated at\" >= ?");
    }

    @Test
    void aSingleColumnNeedsNoExtraBound() {
        SqlBuilder sql = new SqlBuilder(IdentifierRules.ANSI);
        KeysetCondition.append(sql, List.of(new OrderColumn("id", TrackingKind.INTEGER)));
        assertThat(sql.toString()).isEqualTo("((\"id\" > ?))");
    }
}
