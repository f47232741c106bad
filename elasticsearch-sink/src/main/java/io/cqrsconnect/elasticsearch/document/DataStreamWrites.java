package io.cqrsconnect.elasticsearch.document;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import io.cqrsconnect.common.config.EnumSetting;
import io.cqrsconnect.common.config.FieldSelection;
import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.StructPaths;
import io.cqrsconnect.common.values.LogicalType;
import io.cqrsconnect.common.values.LogicalValues;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import io.cqrsconnect.elasticsearch.config.IdStrategy;
import io.cqrsconnect.elasticsearch.config.IndexSettings;
import io.cqrsconnect.elasticsearch.config.InsertMode;
import io.cqrsconnect.elasticsearch.config.VersioningMode;
import io.cqrsconnect.elasticsearch.config.WriteSettings;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the writes aimed at a data stream into the only kind it takes: op_type=create of a document with an
 * {@code @timestamp} (taken from {@code data.stream.timestamp.field}, or the record's timestamp, when the document has
 * none). A data stream cannot honour external versions, partial updates or deletes by id: a configuration that asks
 * for versions or upserts fails the task naming the setting (writing anyway would drop the guarantees it asked for);
 * a delete reaching it (deletes are enabled) is a bad record.
 */
public final class DataStreamWrites {

    private static final Logger LOG = LoggerFactory.getLogger(DataStreamWrites.class);
    static final String TIMESTAMP = "@timestamp";

    private final VersioningMode versioning;
    private final InsertMode insertMode;
    private final IdStrategy ids;
    private final String timestampField;
    private final FieldSelection fields;
    private final Set<String> announced = new HashSet<>();

    public DataStreamWrites(ElasticsearchSinkConnectorConfig config) {
        this.versioning = config.versioningMode();
        this.insertMode = config.insertMode();
        this.ids = config.idStrategy();
        this.timestampField = config.dataStreamTimestampField();
        this.fields = config.fieldSelection();
    }

    /**
     * The write of the action into its data stream (deletes never get here when {@code delete.enabled=false}).
     *
     * @throws ConnectException when the configuration asks for what data streams cannot do (versions, upserts)
     * @throws BadRecordException for a delete, or a document whose time is unknown
     */
    public DocumentAction adapt(ChangeEvent event, DocumentAction action) {
        String stream = action.index();
        if (versioning != VersioningMode.NONE) {
            throw new ConnectException("'" + stream + "' is a data stream, which takes no external versions, but "
                    + WriteSettings.VERSION_MODE_CONFIG + "=" + EnumSetting.spelling(versioning)
                    + ". Set " + WriteSettings.VERSION_MODE_CONFIG + "=none to write into it "
                    + "(documents are only ever added there; with " + IndexSettings.PK_MODE_CONFIG
                    + "=kafka a replayed record is refused as a duplicate), "
                    + "or point " + IndexSettings.INDEX_NAME_FORMAT_CONFIG
                    + " at an index or alias.");
        }
        if (insertMode == InsertMode.UPSERT) {
            throw new ConnectException("'" + stream + "' is a data stream, which takes no partial updates, but "
                    + WriteSettings.INSERT_MODE_CONFIG + "=upsert. Set "
                    + WriteSettings.INSERT_MODE_CONFIG + "=index to add each event as a document, "
                    + "or point " + IndexSettings.INDEX_NAME_FORMAT_CONFIG
                    + " at an index or alias.");
        }
        announce(stream);
        if (action.kind() == DocumentAction.Kind.DELETE) {
            throw new BadRecordException(event.coordinates(), null, "the record deletes document '" + action.id()
                    + "', but '" + stream + "' is a data stream, which cannot delete documents by id.",
                    WriteSettings.DELETE_ENABLED_CONFIG,
                    "set it to false to skip tombstones and delete events.");
        }
        Struct document = fields.project(event.value()); // the action's source is this document's JSON
        byte[] source = document.schema().field(TIMESTAMP) != null && document.get(TIMESTAMP) != null
                ? action.source() : DocumentJson.toJson(document, TIMESTAMP, timestampOf(event, stream));
        return new DocumentAction(DocumentAction.Kind.CREATE, stream, action.id(), null, action.routing(), source,
                action.coordinates(), action.record(), action.ticket());
    }

    private Object timestampOf(ChangeEvent event, String stream) {
        if (timestampField.isEmpty()) {
            Long timestamp = event.record() == null ? null : event.record().timestamp();
            if (timestamp == null) {
                throw new BadRecordException(event.coordinates(), null, "the record has no timestamp to give its "
                        + "document the " + TIMESTAMP + " data stream '" + stream + "' needs.",
                        IndexSettings.DATA_STREAM_TIMESTAMP_FIELD_CONFIG,
                        "name the value field that holds the event's time.");
            }
            return Instant.ofEpochMilli(timestamp).toString();
        }
        StructPaths.Lookup lookup = StructPaths.find(event.value(), timestampField);
        Object value = lookup.found() ? lookup.value() : null;
        LogicalType logical = value == null ? LogicalType.NONE : LogicalType.of(lookup.schema());
        if (logical != LogicalType.NONE) {
            // Debezium's counts are micro- or nanoseconds, or days: read by their schema, never as epoch millis
            Object time = logicalTime(event, stream, lookup.schema(), logical, value);
            if (time == null) {
                throw notATime(event, stream, "a " + lookup.schema().name() + ", not a time", null);
            }
            return time;
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Number number && !(value instanceof Double) && !(value instanceof Float)) {
            return number.longValue();
        }
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        throw notATime(event, stream, value == null ? "missing or null" : "a " + value.getClass().getSimpleName()
                + ", not a time", null);
    }

    /** The instant of a date, timestamp or zoned timestamp field; null for a logical type that is no time. */
    private Object logicalTime(ChangeEvent event, String stream, Schema schema, LogicalType logical, Object value) {
        try {
            return switch (logical) {
                case TIMESTAMP -> LogicalValues.timestamp(schema, value).toInstant(ZoneOffset.UTC).toString();
                case DATE -> LogicalValues.date(value).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
                case ZONED_TIMESTAMP -> LogicalValues.zonedTimestamp(value).toInstant().toString();
                default -> null;
            };
        } catch (RuntimeException e) {
            throw notATime(event, stream, "'" + value + "', which cannot be read as a time (" + e.getMessage()
                    + ")", e);
        }
    }

    private BadRecordException notATime(ChangeEvent event, String stream, String what, Throwable cause) {
        return new BadRecordException(event.coordinates(), timestampField, "the field that gives data stream '"
                + stream + "' its " + TIMESTAMP + " is " + what + ".",
                IndexSettings.DATA_STREAM_TIMESTAMP_FIELD_CONFIG,
                "name a field every record carries (a timestamp, epoch milliseconds or ISO-8601 text), or leave it "
                        + "empty to use the record's timestamp.", cause);
    }

    private void announce(String stream) {
        if (announced.add(stream) && ids != IdStrategy.KAFKA) {
            LOG.warn("Writing into data stream '{}' with {}={}: a document whose id is already in the stream's "
                    + "write index is refused (counted as a version conflict), so only the first event of each id "
                    + "is kept there; kafka keeps one document per record.", stream,
                    IndexSettings.PK_MODE_CONFIG, EnumSetting.spelling(ids));
        }
    }
}
