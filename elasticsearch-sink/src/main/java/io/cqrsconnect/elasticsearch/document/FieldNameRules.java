package io.cqrsconnect.elasticsearch.document;

import java.util.Set;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.elasticsearch.config.BulkSettings;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * The field names Elasticsearch refuses in a document, found in the record's schema before anything is sent: an
 * empty name or one of only whitespace, a name of only dots, a name that starts with a dot or holds two in a row
 * (a dot separates object paths, so these leave an empty part; a trailing dot is accepted), and, at the top level,
 * the names of metadata fields ({@code _id}, {@code _source}...; as Elasticsearch 8.19 answers). Such a record is a bad record naming the field, rather than a bulk
 * rejection the user has to decode, or an index whose mapping cannot be created. Checked once per value schema.
 * Keys of map fields are data, not schema, and are left to Elasticsearch.
 */
final class FieldNameRules {

    /** Metadata fields Elasticsearch refuses inside a document's source. */
    private static final Set<String> METADATA = Set.of("_id", "_index", "_source", "_routing", "_ignored",
            "_seq_no", "_version", "_primary_term", "_field_names", "_tier", "_nested_path",
            "_data_stream_timestamp", "_ignored_source");

    private Schema checked;

    /** @throws BadRecordException naming the field and {@code behavior.on.malformed.documents} */
    void check(ChangeEvent event, Schema valueSchema) {
        if (valueSchema == null || valueSchema == checked) {
            return;
        }
        check(event, valueSchema, "", true);
        checked = valueSchema;
    }

    private static void check(ChangeEvent event, Schema schema, String path, boolean topLevel) {
        switch (schema.type()) {
            case STRUCT -> {
                for (Field field : schema.fields()) {
                    String name = field.name();
                    String problem = problem(name, topLevel);
                    if (problem != null) {
                        throw new BadRecordException(event.coordinates(), path + name, problem,
                                BulkSettings.MALFORMED_DOCUMENTS_CONFIG, "set it to 'warn' or 'ignore' to skip such "
                                + "records, or rename the field before the sink (e.g. the "
                                + "org.apache.kafka.connect.transforms.ReplaceField$Value transform's renames).");
                    }
                    check(event, field.schema(), path + name + ".", false);
                }
            }
            case ARRAY -> check(event, schema.valueSchema(), path, false);
            case MAP -> check(event, schema.valueSchema(), path, false);
            default -> {
            }
        }
    }

    /** Why Elasticsearch refuses this field name, or null. */
    static String problem(String name, boolean topLevel) {
        if (name.isBlank()) {
            return "Elasticsearch refuses " + (name.isEmpty() ? "an empty field name" : "a field name of only "
                    + "whitespace") + ".";
        }
        if (name.chars().allMatch(c -> c == '.')) {
            return "Elasticsearch refuses a field name of only dots.";
        }
        if (name.startsWith(".") || name.contains("..")) {
            return "Elasticsearch refuses a field name that starts with a dot or holds two in a row: a dot "
                    + "separates the parts of an object path, and this name leaves one empty.";
        }
        if (topLevel && METADATA.contains(name)) {
            return "'" + name + "' is an Elasticsearch metadata field, which a document's source cannot hold.";
        }
        return null;
    }
}
