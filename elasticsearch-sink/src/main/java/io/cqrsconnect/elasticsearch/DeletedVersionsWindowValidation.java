package io.cqrsconnect.elasticsearch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.Operation;
import io.cqrsconnect.common.record.RecordCoordinates;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import io.cqrsconnect.elasticsearch.config.IndexNameRules;
import io.cqrsconnect.elasticsearch.config.VersioningMode;
import io.cqrsconnect.elasticsearch.mapping.DeletedVersionsWindowCheck;
import org.apache.kafka.connect.sink.SinkConnector;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validation's side of {@code index.gc.deletes}: the sink creates the indices it writes versioned documents to with
 * that window, but leaves an existing one as it is, so an existing target index that forgets deletes sooner is
 * reported before the connector is created rather than in a warning once it runs. Only the targets a configuration
 * names before any record arrives are looked at: templates of literal text, {@code ${topic}} and
 * {@code ${topic[N]}} over the listed {@code topics} (with {@code topics.regex}, literal text only); a template that
 * needs a record's value, timestamp or source is left to the task's warning.
 */
final class DeletedVersionsWindowValidation {

    private static final Logger LOG = LoggerFactory.getLogger(DeletedVersionsWindowValidation.class);
    /** Backing indices of data streams, which take no external versions and so no deletes to remember. */
    private static final String DATA_STREAM_BACKING_PREFIX = ".ds-";

    private DeletedVersionsWindowValidation() {
    }

    /** One message per existing index with a shorter window; none when versioning is off or nothing is found. */
    static List<String> problems(ElasticsearchSinkConnectorConfig config, Map<String, String> props,
                                 RestClient client) {
        if (config.versioningMode() == VersioningMode.NONE) {
            return List.of();
        }
        DeletedVersionsWindowCheck check = new DeletedVersionsWindowCheck(client, config.gcDeletesSetting());
        List<String> problems = new ArrayList<>();
        for (String target : targetsKnownWithoutRecords(config, props)) {
            try {
                for (DeletedVersionsWindowCheck.ShortWindow window : check.shortWindows(target)) {
                    if (!window.index().startsWith(DATA_STREAM_BACKING_PREFIX)) {
                        problems.add(window.advice());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not knowing is no reason to refuse the configuration; the task checks again and warns
                LOG.info("Could not read index.gc_deletes of '{}' while validating: {}", target, e.toString());
            }
        }
        return problems;
    }

    /**
     * The index names the template renders for the listed topics without looking at a record; with
     * {@code topics.regex}, the name of a template that does not depend on the topic.
     */
    static Set<String> targetsKnownWithoutRecords(ElasticsearchSinkConnectorConfig config,
                                                  Map<String, String> props) {
        List<String> topics = new ArrayList<>();
        for (String topic : props.getOrDefault(SinkConnector.TOPICS_CONFIG, "").split(",")) {
            if (!topic.isBlank()) {
                topics.add(topic.trim());
            }
        }
        if (topics.isEmpty()) {
            // two different topics render the same name only when the template does not use the topic
            Set<String> first = render(config, List.of("topic-a"));
            return !first.isEmpty() && first.equals(render(config, List.of("topic-b"))) ? first : Set.of();
        }
        return render(config, topics);
    }

    private static Set<String> render(ElasticsearchSinkConnectorConfig config, List<String> topics) {
        Set<String> names = new LinkedHashSet<>();
        for (String topic : topics) {
            // a record-less delete event carries only the topic: any variable that needs more cannot render
            ChangeEvent topicOnly = new ChangeEvent(new RecordCoordinates(topic, 0, 0), Operation.DELETE, null,
                    null, null, null, true, null);
            String name;
            try {
                name = config.indexNameTemplate().render(topicOnly);
            } catch (BadRecordException needsARecord) {
                continue;
            }
            IndexNameRules.Result index = IndexNameRules.physical(name, config.readModelGeneration());
            if (index.valid()) {
                names.add(index.name());
            }
        }
        return names;
    }
}
