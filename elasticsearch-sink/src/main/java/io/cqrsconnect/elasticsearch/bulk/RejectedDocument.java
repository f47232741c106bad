package io.cqrsconnect.elasticsearch.bulk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import io.cqrsconnect.elasticsearch.document.DocumentAction;

/**
 * A document Elasticsearch refused on its own merits (a mapping conflict, a value it cannot parse), with its
 * reason. The task thread decides its fate per {@code behavior.on.malformed.documents}.
 */
public record RejectedDocument(DocumentAction action, int status, String errorType, String reason) {

    /** Elasticsearch names the field in parse failures: "failed to parse field [age] of type [long] ...". */
    private static final Pattern FIELD = Pattern.compile("field \\[([^\\]]+)]");

    /** The field Elasticsearch blames, or null when its reason names none. */
    public String field() {
        if (reason == null) {
            return null;
        }
        Matcher matcher = FIELD.matcher(reason);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The rejection as a bad record: the record, the field, Elasticsearch's reason and the setting. */
    public BadRecordException asBadRecord() {
        return new BadRecordException(action.coordinates(), field(), "Elasticsearch rejected the document '"
                + action.id() + "' for index '" + action.index() + "' (" + status + " " + errorType + "): "
                + reason + ".", ElasticsearchSinkConnectorConfig.MALFORMED_DOCUMENTS_CONFIG,
                "set it to 'warn' or 'ignore' to skip such documents, or fix the index mapping or the data.");
    }
}
