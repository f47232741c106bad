package io.cqrsconnect.elasticsearch.readmodel;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

import io.cqrsconnect.common.readmodel.FirstGenerationPublisher;
import io.cqrsconnect.common.readmodel.ReadModelGeneration;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.elasticsearch.client.TlsRefusal;
import io.cqrsconnect.elasticsearch.client.TransientFailure;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * For a sink that writes a read model's generation ({@code read.model.generation}): before the first write into a
 * generation's index, creates the index and publishes it under the model's logical name as every sink does (common's
 * {@link FirstGenerationPublisher}: an alias when the name does not exist yet; a concrete index of that name, or an
 * alias already pointing at a generation, is left alone). Runs on the task thread, once per index.
 */
public final class GenerationPublisher {

    private final ElasticsearchAliasSwitch aliases;
    private final FirstGenerationPublisher publisher;
    private final Retrier retrier;
    /** What to tell the user about a refused certificate: {@link TlsRefusal#describe} with the task's config. */
    private final Function<TlsRefusal, String> tlsAdvice;
    private final Set<String> published = new HashSet<>();

    public GenerationPublisher(ElasticsearchAliasSwitch aliases, RetryPolicy retryPolicy,
                               Function<TlsRefusal, String> tlsAdvice) {
        this.aliases = aliases;
        this.publisher = new FirstGenerationPublisher(aliases, aliases::isConcreteIndex, "index", "alias");
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
                // an index never changes under its alias the way a table does under its view: nothing to refresh
                return publisher.publish(generation, false);
            });
        } catch (Exception e) { // the alias switch fails with IOException; LogicalNameSwitch declares Exception
            TlsRefusal.throwIfRefused(e, tlsAdvice, "Read model generation " + generation + " was not created or "
                    + "published and nothing was written to it; no offset past its first record is committed");
            throw e instanceof ConnectException connect ? connect : new ConnectException("could not create or "
                    + "publish read model generation " + generation + ": " + e, e);
        }
        published.add(generation.physicalName());
    }
}
