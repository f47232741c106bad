package io.cqrsconnect.elasticsearch.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.naming.NamingTemplate;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;

/**
 * The index name template: the shared {@link NamingTemplate} variables ({@code ${topic}}, {@code ${topic[N]}},
 * {@code ${source.table}}...) plus the ones an index name often needs:
 * <ul>
 *   <li>{@code ${value.<field>}}: a field of the record's value (dotted path), e.g. {@code orders-${value.region}};</li>
 *   <li>{@code ${value.<field>:<pattern>}}: a date or timestamp field (a Connect Date/Timestamp, epoch
 *       milliseconds, or ISO-8601 text) formatted in UTC, e.g. {@code orders-${value.created_at:yyyy-MM}};</li>
 *   <li>{@code ${timestamp:<pattern>}}: the record's Kafka timestamp, formatted in UTC.</li>
 * </ul>
 * Variables are checked when the connector is configured; a record that lacks what a variable needs is a bad
 * record naming the field and {@code index.name.format}.
 */
public final class IndexNameTemplate {

    private static final String VALUE_PREFIX = "value.";
    private static final String TIMESTAMP_PREFIX = "timestamp:";
    private static final String VARIABLES = "${topic}, ${topic[N]}, ${source.db}, ${source.schema}, ${source.table}, "
            + "${value.<field>}, ${value.<field>:<date pattern>} or ${timestamp:<date pattern>}";

    private final String template;
    private final String configKey;
    private NamingTemplate names;

    private IndexNameTemplate(String template, String configKey) {
        this.template = template;
        this.configKey = configKey;
    }

    /** @throws ConfigException naming {@code configKey} for an empty template, unknown variable or bad pattern */
    public static IndexNameTemplate parse(String template, String configKey) {
        IndexNameTemplate result = new IndexNameTemplate(template, configKey);
        result.names = NamingTemplate.parse(template, configKey, result::variable, VARIABLES);
        return result;
    }

    /** The (not yet lower-cased or validated) index name for an event. */
    public String render(ChangeEvent event) {
        return names.render(event);
    }

    /** True when the template names a change-data-capture source ({@code ${source.*}}); see NamingTemplate. */
    public boolean needsSource() {
        return names.needsSource();
    }

    @Override
    public String toString() {
        return template;
    }

    /** The renderer of one of the index-only variables, or null for a variable this template does not add. */
    private NamingTemplate.Renderer variable(String variable) {
        if (variable.startsWith(TIMESTAMP_PREFIX)) {
            DateTimeFormatter format = formatter(variable.substring(TIMESTAMP_PREFIX.length()));
            return event -> {
                Long timestamp = event.record() == null ? null : event.record().timestamp();
                if (timestamp == null) {
                    throw bad(event, null, "the record has no Kafka timestamp for ${" + variable + "}.");
                }
                return format.format(Instant.ofEpochMilli(timestamp));
            };
        }
        if (variable.startsWith(VALUE_PREFIX)) {
            int colon = variable.indexOf(':');
            String path = variable.substring(VALUE_PREFIX.length(), colon < 0 ? variable.length() : colon);
            if (path.isEmpty()) {
                throw new ConfigException(configKey, template, "${value.} needs a field, e.g. ${value.region}");
            }
            DateTimeFormatter format = colon < 0 ? null : formatter(variable.substring(colon + 1));
            return event -> valuePart(event, path, format);
        }
        return null;
    }

    private String valuePart(ChangeEvent event, String path, DateTimeFormatter format) {
        Object value = lookup(event.value(), path);
        if (value == null) {
            throw bad(event, path, "the index name needs this value field, and the record "
                    + (event.value() == null ? "has no value (a tombstone?)." : "has none or a null."));
        }
        if (format == null) {
            return value.toString();
        }
        Instant instant;
        if (value instanceof Date date) {
            instant = date.toInstant();
        } else if (value instanceof Number number) {
            instant = Instant.ofEpochMilli(number.longValue());
        } else {
            instant = parseInstant(event, path, value.toString());
        }
        return format.format(instant);
    }

    private Instant parseInstant(ChangeEvent event, String path, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw bad(event, path, "'" + text + "' is not a date or timestamp (expected a Connect Date or "
                            + "Timestamp, epoch milliseconds, or ISO-8601 text).");
                }
            }
        }
    }

    private static Object lookup(Struct struct, String path) {
        Object current = struct;
        for (String name : path.split("\\.")) {
            if (!(current instanceof Struct at) || at.schema().field(name) == null) {
                return null;
            }
            current = at.get(name);
        }
        return current;
    }

    private DateTimeFormatter formatter(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(configKey, template, "'" + pattern + "' is not a date pattern: "
                    + e.getMessage());
        }
    }

    private BadRecordException bad(ChangeEvent event, String field, String problem) {
        return new BadRecordException(event.coordinates(), field, problem, configKey,
                "use a template every record can fill, e.g. ${topic}.");
    }
}
