package io.cqrsconnect.elasticsearch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.RecordCoordinates;
import io.cqrsconnect.elasticsearch.document.DocumentAction;
import org.junit.jupiter.api.Test;

class RejectedDocumentTest {

    @Test
    void namesTheRecordTheFieldTheReasonAndTheSetting() {
        DocumentAction action = new DocumentAction(DocumentAction.Kind.INDEX, "people", "3", 7L, null, new byte[0],
                new RecordCoordinates("people", 1, 7), null, null);
        RejectedDocument rejected = new RejectedDocument(action, 400, "document_parsing_exception",
                "[1:6] failed to parse field [age] of type [long] in document with id '3'");

        BadRecordException error = rejected.asBadRecord();

        assertThat(rejected.field()).isEqualTo("age");
        assertThat(error.field()).isEqualTo("age");
        assertThat(error.configKey()).isEqualTo("behavior.on.malformed.documents");
        assertThat(error.getMessage()).contains("topic 'people' partition 1 offset 7", "field 'age'",
                "document_parsing_exception", "failed to parse field [age]", "behavior.on.malformed.documents");
    }
}
