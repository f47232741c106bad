package io.cqrsconnect.common.errors;

import io.cqrsconnect.common.record.RecordCoordinates;
import org.apache.kafka.connect.errors.DataException;

/**
 * A record that cannot be written on its own merits (wrong shape, a value the target rejects), as opposed to a
 * failure of the target. It goes to the dead-letter queue when one is configured, and otherwise fails the task with
 * a message that names the record, the field, and the configuration key the user can change.
 */
public class BadRecordException extends DataException {

    private final transient RecordCoordinates coordinates;
    private final String field;
    private final String configKey;

    /**
     * @param coordinates the record
     * @param field the field at fault, or null when the record as a whole is
     * @param problem what is wrong, as a sentence without the record's coordinates
     * @param configKey the setting that would change the outcome, or null when none would
     * @param hint what to do with that setting, e.g. "set it to 'ignore' to skip such records"
     * @param cause the underlying error, or null
     */
    public BadRecordException(RecordCoordinates coordinates, String field, String problem, String configKey,
                              String hint, Throwable cause) {
        super(message(coordinates, field, problem, configKey, hint), cause);
        this.coordinates = coordinates;
        this.field = field;
        this.configKey = configKey;
    }

    public BadRecordException(RecordCoordinates coordinates, String field, String problem, String configKey,
                              String hint) {
        this(coordinates, field, problem, configKey, hint, null);
    }

    public RecordCoordinates coordinates() {
        return coordinates;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }

    /** The setting that would change the outcome, or null. */
    public String configKey() {
        return configKey;
    }

    private static String message(RecordCoordinates coordinates, String field, String problem, String configKey,
                                  String hint) {
        StringBuilder message = new StringBuilder("Record at ").append(coordinates).append(": ");
        if (field != null) {
            message.append("field '").append(field).append("': ");
        }
        message.append(problem);
        if (configKey != null) {
            message.append(" Config '").append(configKey).append("'");
            message.append(hint == null ? " controls this." : ": " + hint);
        } else if (hint != null) {
            message.append(' ').append(hint);
        }
        return message.toString();
    }
}
