package io.cqrsconnect.elasticsearch.document;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.StructPaths;
import io.cqrsconnect.elasticsearch.config.IndexSettings;
import org.apache.kafka.connect.data.Struct;

/**
 * The shard routing value of a document: a field of the value, or of a struct key when there is no value (a
 * tombstone must be routed like the document it deletes, or it would miss it).
 */
final class DocumentRouting {

    private final String field;

    /** @param field the dotted path of the routing field, or empty for Elasticsearch's default routing */
    DocumentRouting(String field) {
        this.field = field;
    }

    /** The routing value, or null for default routing. */
    String routingFor(ChangeEvent event) {
        if (field.isEmpty()) {
            return null;
        }
        StructPaths.Lookup lookup = event.value() != null ? StructPaths.find(event.value(), field)
                : event.key() instanceof Struct key ? StructPaths.find(key, field) : StructPaths.Lookup.MISSING;
        if (!lookup.found() || lookup.value() == null) {
            throw new BadRecordException(event.coordinates(), field, "the routing field is missing or null"
                    + (event.value() == null ? " (the record has no value, and its key has no such field)" : "")
                    + ".", IndexSettings.ROUTING_FIELD_CONFIG,
                    "name a field every record carries, in its value and in its key.");
        }
        return DocumentIds.render(lookup.schema(), lookup.value());
    }
}
