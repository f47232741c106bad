package io.cqrsconnect.elasticsearch.document;

import java.util.HashMap;
import java.util.Map;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.elasticsearch.config.IndexSettings;

/**
 * Which rendered name each index was first written for, in this task: two names that only differ in case or in
 * characters an index name cannot hold ({@code Orders} and {@code orders}, {@code Order Lines} and
 * {@code order_lines}) become one index, and writing both into it would merge their documents silently; the second
 * is refused instead, naming {@code index.name.format}. Names too long for Elasticsearch never meet here: their
 * cut carries a hash of the rendered name.
 *
 * <p>Only what this task has seen since it started is known: two such names consumed by different tasks, or one
 * before and one after a restart, are not detected. One entry per index written.
 */
final class IndexNameClaims {

    private final Map<String, String> renderedByIndex = new HashMap<>();

    /** @throws BadRecordException naming {@code index.name.format} when the index is another name's */
    void claim(ChangeEvent event, String index, String rendered) {
        String earlier = renderedByIndex.putIfAbsent(index, rendered);
        if (earlier != null && !earlier.equals(rendered)) {
            throw new BadRecordException(event.coordinates(), null, "the index name template renders '" + rendered
                    + "', which becomes index '" + index + "'; '" + earlier + "' is already written to that index, "
                    + "and the documents of the two would merge.", IndexSettings.INDEX_NAME_FORMAT_CONFIG,
                    "use a template that keeps the two apart (index names are lower case, and \\ / * ? \" < > | , # "
                    + ": and spaces become '_').");
        }
    }
}
