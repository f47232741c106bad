package io.cqrsconnect.common.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.SourceInfo;
import org.apache.kafka.common.config.ConfigException;

/**
 * A target name (table, index) computed from each event: literal text with variables.
 * <ul>
 *   <li>{@code ${topic}}: the record's topic;</li>
 *   <li>{@code ${topic[N]}}: the N-th part of the topic split at dots, from 0; negative counts from the end, so
 *       {@code ${topic[-1]}} is {@code customers} in Debezium's {@code server.inventory.customers};</li>
 *   <li>{@code ${source.db}}, {@code ${source.schema}}, {@code ${source.table}}: from a change-data-capture event's
 *       source block.</li>
 * </ul>
 * The template is parsed once, when the connector is configured; an unknown variable is a {@link ConfigException}
 * then, not a failure at the first record. The result is not sanitized: each target (a dialect's identifier rules,
 * Elasticsearch's index rules) does that.
 */
public final class NamingTemplate {

    /** Renders one variable for an event. */
    @FunctionalInterface
    public interface Renderer {
        /** @throws BadRecordException when the event lacks what the variable needs */
        String render(ChangeEvent event);
    }

    /**
     * Variables a sink adds to the shared ones (Elasticsearch's {@code ${value.<field>}}, say), consulted for every
     * variable the shared set does not know.
     */
    @FunctionalInterface
    public interface Extension {
        /**
         * The renderer of {@code variable}, or null when the extension does not know it either.
         *
         * @throws ConfigException when the variable is the extension's but malformed
         */
        Renderer variable(String variable);
    }

    private static final Extension NO_EXTENSION = variable -> null;
    private static final String SHARED_VARIABLES = "${topic}, ${topic[N]}, ${source.db}, ${source.schema} or "
            + "${source.table}";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern TOPIC_PART = Pattern.compile("topic\\[(-?\\d+)]");

    private final String template;
    private final String configKey;
    private final List<Part> parts;

    private NamingTemplate(String template, String configKey, List<Part> parts) {
        this.template = template;
        this.configKey = configKey;
        this.parts = parts;
    }

    /**
     * Parses a template.
     *
     * @param configKey the setting the template came from, named in every error about it
     * @throws ConfigException when the template is empty or names an unknown variable
     */
    public static NamingTemplate parse(String template, String configKey) {
        return parse(template, configKey, NO_EXTENSION, SHARED_VARIABLES);
    }

    /**
     * Parses a template whose variables are the shared ones plus an extension's.
     *
     * @param variablesHint the variables to list when one is unknown, e.g. "${topic}, ..., or ${value.<field>}"
     * @throws ConfigException when the template is empty or names a variable neither knows
     */
    public static NamingTemplate parse(String template, String configKey, Extension extension,
                                       String variablesHint) {
        if (template == null || template.isBlank()) {
            throw new ConfigException(configKey, template, "a name template must not be empty; e.g. ${topic}");
        }
        List<Part> parts = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(template);
        int literalStart = 0;
        while (matcher.find()) {
            if (matcher.start() > literalStart) {
                parts.add(new Literal(template.substring(literalStart, matcher.start())));
            }
            parts.add(variable(matcher.group(1).trim(), template, configKey, extension, variablesHint));
            literalStart = matcher.end();
        }
        if (literalStart < template.length()) {
            parts.add(new Literal(template.substring(literalStart)));
        }
        return new NamingTemplate(template, configKey, List.copyOf(parts));
    }

    /**
     * The name for one event.
     *
     * @throws BadRecordException when the event lacks what a variable needs (no source block, too few topic parts)
     */
    public String render(ChangeEvent event) {
        if (parts.size() == 1 && parts.get(0) instanceof Literal literal) {
            return literal.text;
        }
        StringBuilder name = new StringBuilder();
        for (Part part : parts) {
            name.append(part.value(event, this));
        }
        return name.toString();
    }

    /**
     * True when the template names a change-data-capture source ({@code ${source.*}}). Sinks use it to skip a
     * tombstone whose source is unknown (the first record a task reads after a restart, its delete event already
     * committed): that tombstone has nothing left to do, and no table or index to name.
     */
    public boolean needsSource() {
        return parts.stream().anyMatch(part -> part instanceof SourcePart);
    }

    @Override
    public String toString() {
        return template;
    }

    private static Part variable(String name, String template, String configKey, Extension extension,
                                 String variablesHint) {
        Matcher topicPart = TOPIC_PART.matcher(name);
        if (topicPart.matches()) {
            return new TopicPart(Integer.parseInt(topicPart.group(1)));
        }
        Part shared = switch (name) {
            case "topic" -> (event, owner) -> event.topic();
            case "source.db" -> new SourcePart("db", SourceInfo::database);
            case "source.schema" -> new SourcePart("schema", SourceInfo::schema);
            case "source.table" -> new SourcePart("table", SourceInfo::table);
            default -> null;
        };
        if (shared != null) {
            return shared;
        }
        Renderer extended = extension.variable(name);
        if (extended == null) {
            throw new ConfigException(configKey, template, "unknown variable ${" + name + "}; use " + variablesHint);
        }
        return (event, owner) -> extended.render(event);
    }

    private BadRecordException missing(ChangeEvent event, String what) {
        return new BadRecordException(event.coordinates(), null, "the name template '" + template + "' needs "
                + what + ".", configKey, "use a template this record can fill, e.g. ${topic}.");
    }

    private interface Part {
        String value(ChangeEvent event, NamingTemplate owner);
    }

    private record Literal(String text) implements Part {
        @Override
        public String value(ChangeEvent event, NamingTemplate owner) {
            return text;
        }
    }

    private record TopicPart(int index) implements Part {
        @Override
        public String value(ChangeEvent event, NamingTemplate owner) {
            String[] topicParts = event.topic().split("\\.");
            int position = index < 0 ? topicParts.length + index : index;
            if (position < 0 || position >= topicParts.length) {
                throw owner.missing(event, "part " + index + " of the topic '" + event.topic() + "', which has "
                        + topicParts.length + " dot-separated parts");
            }
            return topicParts[position];
        }
    }

    private record SourcePart(String name, Function<SourceInfo, String> getter) implements Part {
        @Override
        public String value(ChangeEvent event, NamingTemplate owner) {
            String value = event.source() == null ? null : getter.apply(event.source());
            if (value == null || value.isEmpty()) {
                throw owner.missing(event, "the source " + name + " of a change-data-capture event, and this record "
                        + "has none");
            }
            return value;
        }
    }
}
