package io.cqrsconnect.elasticsearch.bulk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.elasticsearch.config.BulkSettings;
import io.cqrsconnect.elasticsearch.config.IndexSettings;
import io.cqrsconnect.elasticsearch.document.DocumentAction;

/**
 * A document Elasticsearch refused on its own merits (a mapping conflict, a value it cannot parse, a size no request
 * can carry), with its reason. The task thread decides its fate per {@code behavior.on.malformed.documents}.
 */
public record RejectedDocument(DocumentAction action, int status, String errorType, String reason) {

    /** Elasticsearch names the field in parse failures: "failed to parse field [age] of type [long] ...". */
    private static final Pattern FIELD = Pattern.compile("field \\[([^\\]]+)]");

    /** The status Elasticsearch answers a request body over its limit with. */
    static final int TOO_LARGE = 413;
    static final String TOO_LARGE_TYPE = "request_entity_too_large";
    private static final String NODE_LIMIT = "http.max_content_length on every node (elasticsearch.yml, then "
            + "restart the nodes)";

    /**
     * A document larger than the cluster's request limit, found before sending it: no bulk request can carry it.
     *
     * @param bytes the bytes it takes in a bulk request
     * @param limit the smallest http.max_content_length of the cluster's nodes
     */
    static RejectedDocument tooLarge(DocumentAction action, long bytes, long limit) {
        return new RejectedDocument(action, TOO_LARGE, TOO_LARGE_TYPE, "it takes " + bytes + " bytes in a bulk "
                + "request, more than the " + limit + " bytes Elasticsearch accepts in one request (the smallest "
                + "http.max_content_length of its nodes), so it was not sent." + raise(NODE_LIMIT));
    }

    /**
     * A document Elasticsearch answered 413 for although the request held it alone.
     *
     * @param bytes the bytes it takes in a bulk request, roughly
     * @param limit the cluster's request limit as the sink read it, or a negative number when unknown
     */
    static RejectedDocument refusedAsTooLarge(DocumentAction action, long bytes, long limit) {
        return new RejectedDocument(action, TOO_LARGE, TOO_LARGE_TYPE, "Elasticsearch answered 413 Request Entity "
                + "Too Large to a bulk request holding only this document, which takes about " + bytes + " bytes: "
                + "more than the nodes' http.max_content_length" + (limit >= 0 ? " (" + limit + " bytes)" : "")
                + " or a proxy's body limit allows." + raise(NODE_LIMIT + " or the proxy's limit"));
    }

    private static String raise(String limit) {
        return " Raise " + limit + ", or make the document smaller; "
                + BulkSettings.BATCH_MAX_BYTES_CONFIG + " cannot help, it sizes requests of "
                + "several documents and this one is sent alone";
    }

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
        if (status == TOO_LARGE) {
            return new BadRecordException(action.coordinates(), null, "the document '" + action.id() + "' for index '"
                    + action.index() + "' is too large to write: " + reason + ".",
                    BulkSettings.MALFORMED_DOCUMENTS_CONFIG,
                    "set it to 'warn' or 'ignore' to skip such documents.");
        }
        String field = field();
        return new BadRecordException(action.coordinates(), field, "Elasticsearch rejected the document '"
                + action.id() + "' for index '" + action.index() + "' (" + status + " " + errorType + "): "
                + reason + "." + (field == null ? "" : rebuild(field)), BulkSettings.MALFORMED_DOCUMENTS_CONFIG,
                "set it to 'warn' or 'ignore' to skip such documents, or fix the index mapping or the data.");
    }

    /**
     * What to do when the value does not fit the field's mapping because the record schema changed the field's type:
     * Elasticsearch keeps a field's type for the life of the index, so only a new index can follow.
     */
    private static String rebuild(String field) {
        return " If the record schema changed the type of '" + field + "', the index cannot follow: a field's "
                + "mapping cannot change in place in Elasticsearch. Rebuild the read model into a new index with "
                + "the next " + IndexSettings.READ_MODEL_GENERATION_CONFIG + " (it is filled next to the live one "
                + "and the alias switches once it caught up).";
    }
}
