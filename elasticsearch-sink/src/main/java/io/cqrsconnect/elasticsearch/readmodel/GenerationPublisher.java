package io.cqrsconnect.elasticsearch.readmodel;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.elasticsearch.client.TlsRefusal;
import io.cqrsconnect.elasticsearch.client.TransientFailure;
import io.cqrsconnect.elasticsearch.config.IndexSettings;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a sink that writes a read model's generation ({@code read.model.generation}): before the first write into a
 * generation's index, creates the index and, when the model's logical name does not exist yet, points it at this
 * generation so readers can use it at once. An existing alias is left alone: switching a live model to a newer
 * generation is the rebuild's decision, not the sink's. Runs on the task thread, once per index.
 */
public final class GenerationPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationPublisher.class);

    private final ElasticsearchAliasSwitch aliases;
    private final Retrier retrier;
    /** What to tell the user about a refused certificate: {@link TlsRefusal#describe} with the task's config. */
    private final Function<TlsRefusal, String> tlsAdvice;
    private final Set<String> published = new HashSet<>();

    public GenerationPublisher(ElasticsearchAliasSwitch aliases, RetryPolicy retryPolicy,
                               Function<TlsRefusal, String> tlsAdvice) {
        this.aliases = aliases;
        this.retrier = new Retrier(retryPolicy, TransientFailure::test);
        this.tlsAdvice = tlsAdvice;
    }

    /** Makes sure the generation's index exists and its logical name resolves; a no-op after the first call. */
    public void ensurePublished(ReadModelGeneration generation) {
        if (published.contains(generation.physicalName())) {
            return;
        }
        try {
            retrier.call("publishing read model " + generation, () -> {
                aliases.createIfAbsent(generation);
                if (aliases.current(generation.logicalName()).isEmpty()) {
                    if (aliases.isConcreteIndex(generation.logicalName())) {
                        LOG.warn("Read model '{}' is a concrete index, so it cannot become an alias of {}: readers "
                                + "keep seeing the old index. Reindex or drop it, or set {} to 0.",
                                generation.logicalName(), generation,
                                IndexSettings.READ_MODEL_GENERATION_CONFIG);
                    } else {
                        aliases.pointTo(generation);
                        LOG.info("Read model '{}' now points at its first generation {}", generation.logicalName(),
                                generation);
                    }
                }
                return null;
            });
        } catch (IOException e) {
            TlsRefusal.throwIfRefused(e, tlsAdvice, "Read model generation " + generation + " was not created or "
                    + "published and nothing was written to it; no offset past its first record is committed");
            throw new ConnectException("could not create or publish read model generation " + generation + ": " + e,
                    e);
        }
        published.add(generation.physicalName());
    }
}
