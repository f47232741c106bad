package io.cqrsconnect.jdbc.source.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigException;

/**
 * One entry of {@code table.fields.additional.placement}: an outbox column carried beside the payload, spelled as
 * Debezium's outbox event router spells it, {@code column:placement[:alias]}.
 *
 * @param column the outbox column
 * @param placement where its value goes
 * @param alias the header or envelope field name (the column's name when not given; ignored for a partition)
 */
public record AdditionalField(String column, Placement placement, String alias) {

    /** Where an additional column's value goes. */
    public enum Placement {
        /** A record header named by the alias. */
        HEADER,
        /** A field of the value, which becomes a struct of the payload and these fields. */
        ENVELOPE,
        /** The Kafka partition: the column holds its number. */
        PARTITION
    }

    /**
     * Parses the comma-separated entries.
     *
     * @throws ConfigException naming {@code key} on an entry that is not {@code column:placement[:alias]}
     */
    public static List<AdditionalField> parseAll(String key, List<String> entries) {
        List<AdditionalField> fields = new ArrayList<>();
        for (String entry : entries) {
            String text = entry.trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split(":", -1);
            boolean blankAlias = parts.length == 3 && parts[2].isBlank();
            if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || blankAlias) {
                throw new ConfigException(key, entry, "each entry is column:placement or column:placement:alias, "
                        + "the placement header, envelope or partition");
            }
            Placement placement;
            try {
                placement = Placement.valueOf(parts[1].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, entry, "the placement '" + parts[1].trim()
                        + "' is none of header, envelope, partition");
            }
            String column = parts[0].trim();
            fields.add(new AdditionalField(column, placement, parts.length == 3 ? parts[2].trim() : column));
        }
        return List.copyOf(fields);
    }
}
