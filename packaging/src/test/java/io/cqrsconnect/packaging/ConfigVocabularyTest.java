package io.cqrsconnect.packaging;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.elasticsearch.ElasticsearchSinkConnector;
import io.cqrsconnect.elasticsearch.rebuild.ElasticsearchRebuildConnector;
import io.cqrsconnect.jdbc.sink.JdbcSinkConnector;
import io.cqrsconnect.jdbc.source.JdbcSourceConnector;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;

/**
 * Every connector speaks one vocabulary: keys are lower-case words joined by dots, choices lower-case words joined by
 * underscores (as Kafka spells {@code read_committed}), a concept two connectors share has one key with one type and
 * one default, and the names this project gave up for a shared one do not come back.
 */
class ConfigVocabularyTest {

    private static final Map<String, ConfigDef> CONNECTORS = definitions(new JdbcSinkConnector(),
            new ElasticsearchSinkConnector(), new JdbcSourceConnector(), new ElasticsearchRebuildConnector());

    /** Choices spelled by someone else's convention: Java key store types. */
    private static final Set<String> FOREIGN_CHOICES = Set.of("tls.truststore.type");

    /**
     * Shared keys whose choices are not one connector's plus some: each store has its own write operations. Other
     * shared keys may leave out what their store cannot do (the JDBC sink has no version header, the Elasticsearch
     * sink no document without an id), but a choice both offer is spelled alike.
     */
    private static final Set<String> CHOICES_PER_CONNECTOR = Set.of("insert.mode");

    /** Shared keys whose type differs for a reason: Elasticsearch takes several endpoints, a database one URL. */
    private static final Set<String> TYPED_PER_CONNECTOR = Set.of("connection.url");

    /**
     * Shared keys whose default differs for a reason. version.mode: Elasticsearch's external versions cost nothing
     * and make a replay harmless, where the JDBC sink's guard costs a column and a comparison per row (opt in).
     * batch.size: a JDBC batch is rows of one table in one statement, cheap to make large; an Elasticsearch batch is
     * one bulk request, which the node parses and indexes at once, so it stays smaller (and batch.max.bytes bounds
     * it too). insert.mode: a change event carries the whole image, and a JDBC upsert sets every column of it, which
     * for a table made from that image is a replace; the Elasticsearch sink's replace is index, while its upsert
     * merges and keeps fields a newer image no longer has.
     */
    private static final Set<String> DEFAULT_PER_CONNECTOR = Set.of("version.mode", "batch.size", "insert.mode");

    /**
     * Names given up for the shared ones: Elasticsearch's before issue 11, and the sinks' field lists, which now
     * spell an include or exclude list as the source's table and column lists and Debezium's JDBC sink do.
     */
    private static final Set<String> GIVEN_UP = Set.of("connection.urls", "connection.username", "versioning.mode",
            "versioning.field", "versioning.header", "document.id.strategy", "document.id.fields",
            "index.name.template", "write.mode", "behavior.on.tombstone", "bulk.max.actions", "bulk.max.bytes",
            "bulk.flush.interval.ms", "bulk.max.in.flight.requests", "fields.include", "fields.exclude",
            "fields.rename");

    /**
     * The key each sink names its target with: the store's noun, then {@code .name.format}. The JDBC source's target
     * is a topic, named as users of Confluent's JDBC source name it ({@code topic.prefix} and the table).
     */
    private static final Map<String, String> TARGET_NAME_KEY = Map.of("JdbcSinkConnector", "table.name.format",
            "ElasticsearchSinkConnector", "index.name.format");

    @Test
    void keysAreDottedLowerCaseWordsAndChoicesAreUnderscoredLowerCaseWords() {
        List<String> problems = new ArrayList<>();
        CONNECTORS.forEach((connector, definition) -> definition.configKeys().forEach((name, key) -> {
            if (!name.matches("[a-z0-9]+(\\.[a-z0-9]+)*")) {
                problems.add(connector + ": key " + name);
            }
            if (key.recommender != null && !FOREIGN_CHOICES.contains(name)) {
                for (Object choice : key.recommender.validValues(name, Map.of())) {
                    if (!String.valueOf(choice).matches("[a-z0-9]+(_[a-z0-9]+)*")) {
                        problems.add(connector + ": " + name + "=" + choice);
                    }
                }
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void everySettingWithChoicesOffersThemAndDefaultsToOne() {
        List<String> problems = new ArrayList<>();
        CONNECTORS.forEach((connector, definition) -> definition.configKeys().forEach((name, key) -> {
            boolean closedChoice = key.validator instanceof ConfigDef.ValidString
                    || key.validator instanceof ConfigDef.CaseInsensitiveValidString
                    || key.validator != null && key.validator.getClass().getEnclosingClass() == EnumSetting.class;
            if (closedChoice && key.recommender == null) {
                problems.add(connector + ": " + name + " has a fixed set of choices but no recommender to offer them");
            }
            if (key.recommender == null || key.defaultValue == null || key.type == ConfigDef.Type.LIST) {
                return;
            }
            List<String> choices = key.recommender.validValues(name, Map.of()).stream().map(String::valueOf).toList();
            String defaultChoice = String.valueOf(key.defaultValue);
            if (!choices.isEmpty() && !defaultChoice.isEmpty() && !choices.contains(defaultChoice)) {
                problems.add(connector + ": " + name + " defaults to " + defaultChoice + ", not one of " + choices);
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void aSharedConceptHasOneKeyOneTypeAndOneDefault() {
        Map<String, ConfigDef.ConfigKey> first = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        CONNECTORS.forEach((connector, definition) -> definition.configKeys().forEach((name, key) -> {
            if (GIVEN_UP.contains(name)) {
                problems.add(connector + " uses " + name + ", given up for a shared name");
            }
            ConfigDef.ConfigKey seen = first.putIfAbsent(name, key);
            if (seen == null) {
                owner.put(name, connector);
                return;
            }
            if (seen.type != key.type && !TYPED_PER_CONNECTOR.contains(name)) {
                problems.add(name + ": " + seen.type + " in " + owner.get(name) + ", " + key.type + " in " + connector);
            }
            if (!Objects.equals(seen.defaultValue, key.defaultValue) && !DEFAULT_PER_CONNECTOR.contains(name)) {
                problems.add(name + ": default " + seen.defaultValue + " in " + owner.get(name) + ", "
                        + key.defaultValue + " in " + connector);
            }
            Set<String> seenChoices = choices(name, seen);
            Set<String> choices = choices(name, key);
            boolean oneOffersTheOthers = seenChoices.containsAll(choices) || choices.containsAll(seenChoices);
            if (!oneOffersTheOthers && !CHOICES_PER_CONNECTOR.contains(name)) {
                problems.add(name + ": choices " + choices(name, seen) + " in " + owner.get(name) + ", "
                        + choices(name, key) + " in " + connector);
            }
        }));
        assertThat(problems).isEmpty();
        assertThat(CONNECTORS.get("JdbcSourceConnector").names()).as("the concepts the source shares").contains(
                "connection.url", "connection.user", "connection.password", "dialect.name", "pk.fields",
                "max.retries", "retry.backoff.ms", "retry.backoff.max.ms");
        assertThat(first).as("the concepts both sinks share").containsKeys("connection.url", "connection.user",
                "connection.password", "pk.mode", "pk.fields", "version.mode", "version.field",
                "read.model.generation", "max.retries", "retry.backoff.ms", "retry.backoff.max.ms", "insert.mode",
                "delete.enabled", "batch.size", "field.include.list", "field.exclude.list", "field.renames");
    }

    @Test
    void targetNamesAreFormatsAndNoKeyIsATemplate() {
        List<String> problems = new ArrayList<>();
        CONNECTORS.forEach((connector, definition) -> {
            definition.names().stream().filter(name -> name.endsWith(".template"))
                    .forEach(name -> problems.add(connector + ": " + name + " (a name format ends in .name.format)"));
            if (!connector.endsWith("SinkConnector")) {
                return;
            }
            String target = TARGET_NAME_KEY.get(connector);
            if (target == null || !target.endsWith(".name.format") || !definition.names().contains(target)) {
                problems.add(connector + ": no target-name key ending in .name.format (expected " + target + ")");
            }
        });
        assertThat(problems).isEmpty();
    }

    private static Set<String> choices(String name, ConfigDef.ConfigKey key) {
        return key.recommender == null ? Set.of()
                : key.recommender.validValues(name, Map.of()).stream().map(String::valueOf).collect(toSet());
    }

    private static Map<String, ConfigDef> definitions(Connector... connectors) {
        Map<String, ConfigDef> definitions = new LinkedHashMap<>();
        for (Connector connector : connectors) {
            definitions.put(connector.getClass().getSimpleName(), connector.config());
        }
        return definitions;
    }
}
