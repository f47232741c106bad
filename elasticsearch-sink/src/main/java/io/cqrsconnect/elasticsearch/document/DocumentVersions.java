package io.cqrsconnect.elasticsearch.document;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.StructPaths;
import io.cqrsconnect.elasticsearch.config.VersioningMode;
import io.cqrsconnect.elasticsearch.config.WriteSettings;
import org.apache.kafka.connect.header.Header;

/**
 * The external version an event's write carries: Elasticsearch applies a write only when its version is higher than
 * the document's, so an old event arriving again can never overwrite a newer document.
 */
public final class DocumentVersions {

    private final VersioningMode mode;
    private final String field;
    private final String header;

    public DocumentVersions(VersioningMode mode, String field, String header) {
        this.mode = mode;
        this.field = field;
        this.header = header;
    }

    public boolean enabled() {
        return mode != VersioningMode.NONE;
    }

    /**
     * The version of the event's write, or null when versioning is off.
     *
     * @throws BadRecordException when the version field is missing, null, negative or not a number
     */
    public Long versionOf(ChangeEvent event) {
        return switch (mode) {
            case NONE -> null;
            case KAFKA_OFFSET -> event.offset();
            case FIELD -> fromField(event);
            case HEADER -> fromHeader(event);
        };
    }

    private long fromHeader(ChangeEvent event) {
        Header found = event.record() == null ? null : event.record().headers().lastWithName(header);
        Object value = found == null ? null : found.value();
        long version;
        if (value instanceof Number number && !(value instanceof Double) && !(value instanceof Float)) {
            version = number.longValue();
        } else if (value instanceof String text && text.trim().matches("\\d{1,18}")) {
            version = Long.parseLong(text.trim());
        } else if (value instanceof byte[] bytes && new String(bytes, StandardCharsets.UTF_8).trim()
                .matches("\\d{1,18}")) {
            // a header the worker's converter left as bytes: its text
            version = Long.parseLong(new String(bytes, StandardCharsets.UTF_8).trim());
        } else {
            throw new BadRecordException(event.coordinates(), null, "the version header '" + header + "' is "
                    + (value == null ? "missing" : "not a non-negative integer: " + value) + ".",
                    WriteSettings.VERSION_HEADER_CONFIG,
                    "set the header on every record, or choose another " + WriteSettings.VERSION_MODE_CONFIG + ".");
        }
        return version;
    }

    private long fromField(ChangeEvent event) {
        if (event.value() == null) {
            throw bad(event, "the record has no value (a tombstone, or a delete without a before image) to read "
                    + "the version from.");
        }
        StructPaths.Lookup lookup = StructPaths.find(event.value(), field);
        if (!lookup.found() || lookup.value() == null) {
            throw bad(event, "the version field is missing or null.");
        }
        Object value = lookup.value();
        long version;
        if (value instanceof Date date) {
            version = date.getTime();
        } else if (value instanceof Number number && !(value instanceof Double) && !(value instanceof Float)) {
            version = number.longValue();
        } else {
            throw bad(event, "the version field holds a " + value.getClass().getSimpleName()
                    + ", not an integer or a timestamp.");
        }
        if (version < 0) {
            throw bad(event, "the version " + version + " is negative; Elasticsearch versions start at 0.");
        }
        return version;
    }

    private BadRecordException bad(ChangeEvent event, String problem) {
        return new BadRecordException(event.coordinates(), field, problem,
                WriteSettings.VERSION_FIELD_CONFIG,
                "name a field every record carries, or set " + WriteSettings.VERSION_MODE_CONFIG
                        + "=kafka_offset.");
    }
}
