package io.cqrsconnect.elasticsearch.document;

import java.util.Optional;

import io.cqrsconnect.common.config.FieldSelection;
import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.common.event.SourcelessTombstone;
import io.cqrsconnect.common.offsets.OffsetTracker;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import io.cqrsconnect.elasticsearch.config.IdStrategy;
import io.cqrsconnect.elasticsearch.config.IndexNameRules;
import io.cqrsconnect.elasticsearch.config.IndexNameTemplate;
import io.cqrsconnect.elasticsearch.config.IndexSettings;
import io.cqrsconnect.elasticsearch.config.InsertMode;
import io.cqrsconnect.elasticsearch.config.WriteSettings;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Decides what write, if any, each change event becomes: target index (the template's name, or its read model
 * generation's index), id, version, kind and JSON source.
 */
public final class DocumentActions {

    /** Kafka Connect's own setting: whether a bad record fails the task or is skipped (and dead-lettered). */
    private static final String ERRORS_TOLERANCE = "errors.tolerance";

    private final IndexNameTemplate indexNames;
    private final DocumentIds ids;
    private final DocumentVersions versions;
    private final DocumentRouting routing;
    private final InsertMode insertMode;
    private final boolean deleteEnabled;
    private final FieldSelection fields;
    private final int generation;
    private final IndexNameClaims indexClaims = new IndexNameClaims();
    private final FieldNameRules fieldNames = new FieldNameRules();
    private String lastRendered;
    private String lastIndex;

    public DocumentActions(ElasticsearchSinkConnectorConfig config) {
        this.indexNames = config.indexNameTemplate();
        this.ids = new DocumentIds(config.idStrategy(), config.documentIdFields());
        this.versions = new DocumentVersions(config.versioningMode(), config.versioningField(),
                config.versioningHeader());
        this.routing = new DocumentRouting(config.routingField());
        this.insertMode = config.insertMode();
        this.deleteEnabled = config.deleteEnabled();
        this.fields = config.fieldSelection();
        this.generation = config.readModelGeneration();
    }

    /**
     * The write for an event, or empty when the event asks for none (a delete or tombstone while deletes are
     * disabled, a delete of a document that was never addressable by its key).
     *
     * @throws BadRecordException when the event cannot be written; the message names the field and setting
     */
    public Optional<DocumentAction> actionFor(ChangeEvent event, OffsetTracker.Ticket ticket) {
        if (event.operation() == Operation.DELETE) {
            if (!deleteEnabled) {
                return Optional.empty();
            }
            if (SourcelessTombstone.skip(event, indexNames.needsSource(), "index")) {
                return Optional.empty();
            }
            if (ids.strategy() == IdStrategy.KAFKA) {
                // every record is its own document: there is no earlier document a delete could mean
                return Optional.empty();
            }
            return Optional.of(action(DocumentAction.Kind.DELETE, event, null, ticket));
        }
        DocumentAction.Kind kind = insertMode == InsertMode.UPSERT ? DocumentAction.Kind.UPSERT
                : DocumentAction.Kind.INDEX;
        Struct document = documentOf(event);
        fieldNames.check(event, document == null ? null : document.schema());
        return Optional.of(action(kind, event, source(event, document), ticket));
    }

    /** The event's value as the document holds it: the selected fields, under their document names. */
    private Struct documentOf(ChangeEvent event) {
        try {
            return fields.project(event.value());
        } catch (DataException e) {
            throw new BadRecordException(event.coordinates(), null, e.getMessage() + ".",
                    WriteSettings.FIELD_RENAMES_CONFIG, "give each field a name of its own.", e);
        }
    }

    private static byte[] source(ChangeEvent event, Struct document) {
        try {
            return DocumentJson.toJson(document);
        } catch (FieldValueException e) {
            throw new BadRecordException(event.coordinates(), e.field(), e.problem(), ERRORS_TOLERANCE,
                    "set it to 'all' (with errors.deadletterqueue.topic.name) to dead-letter such records and write "
                    + "the rest, or replace such values before the sink.", e);
        }
    }

    /** The index of an event; a run of records renders one name, so the last one's is kept. */
    private String index(ChangeEvent event) {
        String rendered = indexNames.render(event);
        if (rendered.equals(lastRendered)) {
            return lastIndex;
        }
        IndexNameRules.Result index = IndexNameRules.physical(rendered, generation);
        if (!index.valid()) {
            throw new BadRecordException(event.coordinates(), null, "the target index is invalid: "
                    + index.problem() + ".", IndexSettings.INDEX_NAME_FORMAT_CONFIG,
                    "use a template that renders valid names for this topic.");
        }
        indexClaims.claim(event, index.name(), rendered);
        lastRendered = rendered;
        lastIndex = index.name();
        return lastIndex;
    }

    private DocumentAction action(DocumentAction.Kind kind, ChangeEvent event, byte[] source,
                                  OffsetTracker.Ticket ticket) {
        return new DocumentAction(kind, index(event), ids.idFor(event), versions.versionOf(event),
                routing.routingFor(event), source,
                event.coordinates(), event.record(), ticket);
    }
}
