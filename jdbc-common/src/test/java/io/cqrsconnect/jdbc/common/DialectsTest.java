package io.cqrsconnect.jdbc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DialectsTest {

    @Test
    void choosesTheDialectThatScoresTheUrlHighest() {
        assertThat(Dialects.find("jdbc:postgresql://h/db", null, "dialect.name", SinkDialect.class).name())
                .isEqualTo("postgresql");
        assertThat(Dialects.find("jdbc:mariadb://h/db", "", "dialect.name", SinkDialect.class).name())
                .isEqualTo("mysql");
        assertThat(Dialects.find("jdbc:mysql://h/db", null, "dialect.name", SinkDialect.class).name())
                .isEqualTo("mysql");
        assertThat(Dialects.find("jdbc:sqlite:/tmp/x.db", null, "dialect.name", SinkDialect.class).name())
                .isEqualTo("sqlite");
        assertThat(Dialects.find("jdbc:h2:mem:x", null, "dialect.name", SinkDialect.class).name())
                .isEqualTo("h2");
    }

    @Test
    void fallsBackToTheGenericDialectForUnknownDatabases() {
        assertThat(Dialects.find("jdbc:derby:memory:x", null, "dialect.name", SinkDialect.class).name())
                .isEqualTo("generic");
    }

    @Test
    void aNamedDialectOverridesTheUrl() {
        assertThat(Dialects.find("jdbc:postgresql://h/db", "GENERIC", "dialect.name", SinkDialect.class)
                .name()).isEqualTo("generic");
    }

    @Test
    void anUnknownNameIsAConfigErrorOnTheKeyListingTheKnownDialects() {
        assertThatThrownBy(() -> Dialects.find("jdbc:h2:mem:x", "Oracle", "dialect.name", SinkDialect.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialect.name")
                .hasMessageContaining("postgresql");
    }

    @Test
    void aUrlNoDialectTakesIsAConfigError() {
        assertThatThrownBy(() -> Dialects.find("postgres://h/db", null, "connection.url", SinkDialect.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connection.url");
    }

    @Test
    void namesListsEveryDialect() {
        assertThat(Dialects.names()).containsExactly("generic", "h2", "mysql",
                "postgresql", "sqlite");
    }
}
