package io.cqrsconnect.elasticsearch.document;

import org.apache.kafka.connect.errors.DataException;

/**
 * A field whose value has no JSON form Elasticsearch accepts (a NaN, a decimal struct without its scale), found
 * while writing a document's source. It names the field by its dotted path, so the record's error can too.
 */
public final class FieldValueException extends DataException {

    private final String field;
    private final String problem;

    FieldValueException(String field, String problem, Throwable cause) {
        super("field '" + field + "': " + problem, cause);
        this.field = field;
        this.problem = problem;
    }

    /** The field's dotted path, e.g. {@code address.zip}. */
    public String field() {
        return field;
    }

    /** What is wrong with the value, as a sentence without the field's name. */
    public String problem() {
        return problem;
    }
}
