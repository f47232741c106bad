package io.cqrsconnect.elasticsearch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.record.RecordCoordinates;
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
                "document_parsing_exception", "failed to parse field [age]", "behavior.on.malformed.documents",
                "cannot change in place", "read.model.generation");
    }

    @Test
    void aDocumentTooLargeForAnyRequestNamesItsSizeTheLimitAndWhatToChange() {
        DocumentAction action = new DocumentAction(DocumentAction.Kind.INDEX, "people", "3", 7L, null,
                new byte[200_000], new RecordCoordinates("people", 1, 7), null, null);

        BadRecordException error = RejectedDocument.tooLarge(action, 200_250, 65_536).asBadRecord();

        assertThat(error.field()).isNull();
        assertThat(error.configKey()).isEqualTo("behavior.on.malformed.documents");
        assertThat(error.getMessage()).contains("topic 'people' partition 1 offset 7", "'3'", "'people'",
                "too large", "200250 bytes", "65536 bytes", "http.max_content_length", "batch.max.bytes",
                "behavior.on.malformed.documents");
    }

    @Test
    void aDocumentElasticsearchAnswered413ForAloneNamesTheLimitWhenKnown() {
        DocumentAction action = new DocumentAction(DocumentAction.Kind.INDEX, "people", "3", 7L, null,
                new byte[70_000], new RecordCoordinates("people", 1, 7), null, null);

        assertThat(RejectedDocument.refusedAsTooLarge(action, 70_200, -1).asBadRecord().getMessage())
                .contains("413", "70200 bytes", "http.max_content_length", "proxy", "batch.max.bytes")
                .doesNotContain("-1");
        assertThat(RejectedDocument.refusedAsTooLarge(action, 70_200, 65_536).reason()).contains("65536 bytes");
    }
}
