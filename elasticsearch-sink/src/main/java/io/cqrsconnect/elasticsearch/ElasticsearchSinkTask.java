package io.cqrsconnect.elasticsearch;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.cqrsconnect.common.errors.BadRecordException;
import io.cqrsconnect.common.errors.DeadLetterRouter;
import io.cqrsconnect.common.errors.RecordFaults;
import io.cqrsconnect.common.event.ChangeEvent;
import io.cqrsconnect.common.event.ChangeEventReader;
import io.cqrsconnect.common.flow.Backpressure;
import io.cqrsconnect.common.flow.PutTimeout;
import io.cqrsconnect.common.metrics.TaskMetrics;
import io.cqrsconnect.common.offsets.CommitRequests;
import io.cqrsconnect.common.offsets.OffsetTracker;
import io.cqrsconnect.common.plugin.PluginVersion;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.common.record.RecordCoordinates;
import io.cqrsconnect.elasticsearch.bulk.BulkLanes;
import io.cqrsconnect.elasticsearch.bulk.RejectedDocument;
import io.cqrsconnect.elasticsearch.bulk.WriteCounters;
import io.cqrsconnect.elasticsearch.client.ClusterProbe;
import io.cqrsconnect.elasticsearch.client.ElasticsearchClients;
import io.cqrsconnect.elasticsearch.client.TlsRefusal;
import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import io.cqrsconnect.elasticsearch.config.MalformedDocumentBehavior;
import io.cqrsconnect.elasticsearch.config.MappingMode;
import io.cqrsconnect.elasticsearch.config.VersioningMode;
import io.cqrsconnect.elasticsearch.document.DataStreamWrites;
import io.cqrsconnect.elasticsearch.document.DocumentAction;
import io.cqrsconnect.elasticsearch.document.DocumentActions;
import io.cqrsconnect.elasticsearch.mapping.IndexCreator;
import io.cqrsconnect.elasticsearch.mapping.IndexMappings;
import io.cqrsconnect.elasticsearch.mapping.SchemaMappings;
import io.cqrsconnect.elasticsearch.readmodel.ElasticsearchAliasSwitch;
import io.cqrsconnect.elasticsearch.readmodel.GenerationPublisher;
import io.cqrsconnect.elasticsearch.targets.WriteTargets;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/**
 * Writes change events into Elasticsearch. {@code put()} reads each record once, turns it into a document action and
 * hands it to the bulk lanes, which send asynchronously: {@code put()} never waits for a bulk request. When the lanes
 * are full the task pauses its partitions (and asks the worker to poll again soon) instead of blocking.
 * {@code preCommit()} returns only offsets whose documents Elasticsearch acknowledged (or that were deliberately
 * skipped or reported to the dead-letter queue), so a crash can only replay, never lose; versioning makes the replay
 * harmless.
 *
 * <p>{@code put()} does wait for Elasticsearch while it prepares a target for its first document (once per target,
 * and with {@code mapping.mode=schema} once per new record schema): resolving the name ({@code _resolve/index}, and
 * {@code _index_template/_simulate_index} for a name that does not exist yet), creating the index and reading an
 * existing one's {@code index.gc_deletes}, adding a schema's fields to the mapping ({@code PUT _mapping}), and
 * publishing a read model's first generation (the alias). Each attempt of such a request gives up after
 * {@code connection.timeout.ms} to connect and {@code read.timeout.ms} without an answer, and a transient failure is
 * retried {@code max.retries} times with backoffs of at most {@code retry.backoff.max.ms}: one request may hold
 * {@code put()} for up to {@code (max.retries + 1) x (connection.timeout.ms + read.timeout.ms)} plus the backoffs,
 * about 14 minutes with the defaults (a cluster that accepts connections and never answers comes close). That is longer
 * than the consumer's {@code max.poll.interval.ms} (5 minutes unless overridden), so such a cluster costs the task its
 * partitions; nothing unwritten is committed, and their next owner starts again from the last commit. A cluster
 * that refuses connections fails each attempt at once, and the wait is the backoffs alone (about 2.5 minutes).
 * {@code start()} makes two bounded requests of its own (the certificate check and the request size limit).
 */
public class ElasticsearchSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkTask.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ChangeEventReader reader = new ChangeEventReader();
    private final OffsetTracker offsets = new OffsetTracker();

    private TaskMetrics metrics;
    private WriteCounters counters;
    private ElasticsearchClient client;
    private BulkLanes lanes;
    private Backpressure backpressure;
    private DocumentActions actions;
    private DeadLetterRouter deadLetters;
    private CommitRequests commitRequests;
    private PutTimeout putTimeout;
    private MalformedDocumentBehavior malformed;
    /** Null unless mapping.mode=schema. */
    private IndexMappings mappings;
    private IndexCreator creator;
    private WriteTargets targets;
    private DataStreamWrites dataStreams;
    private boolean versioned;
    /** Null unless read.model.generation is set. */
    private GenerationPublisher generations;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(props);
        metrics = TaskMetrics.of(context);
        counters = new WriteCounters(metrics);
        RestClient restClient = ElasticsearchClients.restClient(config);
        client = ElasticsearchClients.client(restClient); // set first: stop() closes it if the check below fails
        ClusterProbe.requireAcceptedCertificate(restClient, config);
        versioned = config.versioningMode() != VersioningMode.NONE;
        // a refused certificate fails each path that would retry it with what the start-up check says
        Function<TlsRefusal, String> tlsAdvice = refusal -> refusal.describe(config);
        targets = new WriteTargets(restClient, config.retryPolicy(), tlsAdvice);
        dataStreams = new DataStreamWrites(config);
        creator = new IndexCreator(restClient, config.mappingTotalFieldsLimit(),
                versioned ? config.gcDeletesSetting() : null, config.customIndexDefinition(),
                config.replayIndexSettings(), targets, config.retryPolicy(), tlsAdvice);
        mappings = config.mappingMode() == MappingMode.SCHEMA
                ? new IndexMappings(restClient, creator, new SchemaMappings(config.stringMapping(),
                        config.decimalMapping(), config.keywordFields(), config.textFields(), config.fieldSelection()),
                        targets,
                        config.retryPolicy(), tlsAdvice)
                : null;
        generations = config.readModelGeneration() > 0
                ? new GenerationPublisher(new ElasticsearchAliasSwitch(restClient), config.retryPolicy(),
                        tlsAdvice)
                : null;
        actions = new DocumentActions(config);
        deadLetters = DeadLetterRouter.of(context);
        putTimeout = PutTimeout.of(context);
        commitRequests = CommitRequests.of(config, context, putTimeout);
        malformed = config.malformedDocumentBehavior();
        String name = props.getOrDefault("name", "elasticsearch-sink");
        lanes = BulkLanes.create(config, client, restClient, counters, name);
        backpressure = new Backpressure(context, putTimeout, lanes::saturated, lanes::hasCapacity, metrics,
                "its bulk requests were all busy");
        metrics.gauge("bulk-requests-outstanding", "Bulk requests sent or waiting to be sent",
                lanes::outstandingRequests);
        LOG.info("Elasticsearch sink task started: {} lanes, writing to {}", config.batchMaxInFlight(),
                config.urls());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        lanes.rethrowFailure();
        settleRejectedDocuments();
        for (SinkRecord record : records) {
            RecordCoordinates coordinates = RecordCoordinates.of(record);
            OffsetTracker.Ticket ticket = offsets.track(
                    new TopicPartition(coordinates.topic(), coordinates.partition()), coordinates.offset());
            Optional<ChangeEvent> event;
            Optional<DocumentAction> action;
            try {
                event = reader.read(record);
                action = event.flatMap(e -> actions.actionFor(e, ticket));
            } catch (RuntimeException e) {
                // reading and describing touch nothing but the record: whatever fails here is its fault
                deadLetters.route(record, RecordFaults.of(coordinates, e));
                ticket.acknowledge();
                continue;
            }
            try {
                action = action.flatMap(a -> prepareTarget(event.get(), a));
            } catch (BadRecordException e) {
                deadLetters.route(record, e);
                ticket.acknowledge();
                continue;
            }
            if (action.isPresent()) {
                lanes.add(action.get());
            } else {
                ticket.acknowledge();
            }
        }
        lanes.submitIdle();
        commitRequests.afterPut();
        backpressure.apply();
        putTimeout.apply();
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        lanes.rethrowFailure();
        settleRejectedDocuments();
        if (!commitRequests.answering()) {
            // what is buffered goes out now, so the next commit can include it; this commit has what is
            // acknowledged. Not for a commit the task asked for (offset.commit.interval.ms): as often as every
            // second, it would cut the busy lanes' requests short; what they hold goes out when they are free.
            lanes.submitAll();
        }
        backpressure.apply();
        putTimeout.apply();
        return offsets.committableOffsets();
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // preCommit decides what is committed; nothing to do here
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        backpressure.opened(partitions);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        offsets.forget(partitions);
    }

    @Override
    public void stop() {
        if (lanes != null) {
            lanes.close(STOP_GRACE);
        }
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                LOG.warn("closing the Elasticsearch client failed", e);
            }
        }
        if (counters != null) {
            LOG.info("Elasticsearch sink task stopped: {} indexed, {} deleted, {} version conflicts, {} retries, "
                    + "{} rejected", counters.indexedCount(), counters.deletedCount(), counters.versionConflictCount(),
                    counters.retryCount(), counters.rejectedCount());
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    /**
     * Before the first write into a target: a data stream gets the write it takes;
     * an index, with mapping.mode=schema, learns the fields of a record schema it has not seen; with a custom
     * mapping, a total-fields limit or versioning, the sink creates it with those (and warns once if an existing
     * index forgets deletes too soon); a generation's index exists and the read model's name resolves.
     * A failure that is not the record's own
     * fault (a refused certificate, an unreachable cluster after the retries) fails the task naming the record it
     * was preparing, so a user can tell which target and record it stopped at.
     */
    private Optional<DocumentAction> prepareTarget(ChangeEvent event, DocumentAction action) {
        try {
            return prepareTargetOf(event, action);
        } catch (BadRecordException e) {
            throw e;
        } catch (RetriableException e) {
            throw e; // the worker retries the batch: not a failure yet
        } catch (ConnectException e) {
            throw new ConnectException("Preparing index '" + action.index()
                    + "' for the record at " + event.coordinates() + " failed: " + e.getMessage(), e);
        }
    }

    private Optional<DocumentAction> prepareTargetOf(ChangeEvent event, DocumentAction action) {
        if (targets.resolve(action.index()).isDataStream()) {
            return Optional.of(dataStreams.adapt(event, action));
        }
        if (mappings != null && action.kind() != DocumentAction.Kind.DELETE && event.record().valueSchema() != null) {
            mappings.ensure(action.index(), event.value().schema());
        }
        // a versioned delete creates its index too (Elasticsearch does so to keep the tombstone), so it must get
        // the deleted-versions window as well
        if (creator.createsIndices() && (versioned || action.kind() != DocumentAction.Kind.DELETE)) {
            creator.ensureExists(action.index());
        }
        if (generations != null) {
            ReadModelGeneration.parse(action.index()).ifPresent(generations::ensurePublished);
        }
        return Optional.of(action);
    }

    /** Dead-letters, logs or fails each document Elasticsearch refused, on the task thread. */
    private void settleRejectedDocuments() {
        RejectedDocument rejected;
        while ((rejected = lanes.rejected().poll()) != null) {
            DocumentAction action = rejected.action();
            BadRecordException error = rejected.asBadRecord();
            switch (malformed) {
                case FAIL -> deadLetters.route(action.record(), error);
                case WARN -> {
                    if (deadLetters.tolerates()) {
                        deadLetters.route(action.record(), error);
                    } else {
                        LOG.warn("Skipping a malformed document: {}", error.getMessage());
                    }
                }
                case IGNORE -> LOG.debug("Ignoring a malformed document: {}", error.getMessage());
            }
            action.ticket().acknowledge();
        }
    }
}
