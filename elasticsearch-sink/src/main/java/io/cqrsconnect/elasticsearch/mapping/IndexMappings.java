package io.cqrsconnect.elasticsearch.mapping;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.elasticsearch.client.TlsRefusal;
import io.cqrsconnect.elasticsearch.client.TransientFailure;
import io.cqrsconnect.elasticsearch.config.BulkSettings;
import io.cqrsconnect.elasticsearch.config.IndexSettings;
import io.cqrsconnect.elasticsearch.config.MappingSettings;
import io.cqrsconnect.elasticsearch.targets.WriteTargets;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each target index's mapping in step with the Connect schemas written to it: before the first document of a
 * schema it has not seen for an index, it creates the index with the schema's mapping, or (the index, alias or data
 * stream exists) adds the schema's fields to its mapping. Adding is all Elasticsearch allows: a field whose type
 * changed keeps its old mapping, a warning says so (and points at the rebuild: a new read model generation), and
 * documents that do not fit are rejected per {@code behavior.on.malformed.documents}. Where a composable index
 * template with mappings of its own matches the index name, the template decides: no field of the schema is mapped
 * there. Runs on the task thread; each (index, schema) pair costs one request.
 */
public final class IndexMappings {

    private static final Logger LOG = LoggerFactory.getLogger(IndexMappings.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    private final IndexCreator creator;
    private final SchemaMappings mappings;
    private final WriteTargets targets;
    private final Retrier retrier;
    /** What to tell the user about a refused certificate: {@link TlsRefusal#describe} with the task's config. */
    private final Function<TlsRefusal, String> tlsAdvice;
    private final Map<String, Set<Schema>> applied = new HashMap<>();
    /** Indices whose mappings a matching index template decides. */
    private final Set<String> templated = new HashSet<>();

    public IndexMappings(RestClient client, IndexCreator creator, SchemaMappings mappings, WriteTargets targets,
                         RetryPolicy retryPolicy, Function<TlsRefusal, String> tlsAdvice) {
        this.client = client;
        this.tlsAdvice = tlsAdvice;
        this.targets = targets;
        this.creator = creator;
        this.mappings = mappings;
        this.retrier = new Retrier(retryPolicy, TransientFailure::test);
    }

    /** Makes sure the index maps every field of the schema; a no-op for a pair already done. */
    public void ensure(String index, Schema schema) {
        if (templated.contains(index)) {
            return;
        }
        Set<Schema> done = applied.get(index);
        if (done == null) {
            if (targets.resolve(index).templateMaps()) {
                LOG.info("An index template with mappings matches '{}': its mappings apply there, and {}=schema maps"
                        + " no fields of its own", index, MappingSettings.MAPPING_MODE_CONFIG);
                templated.add(index);
                return;
            }
            done = new HashSet<>();
            applied.put(index, done);
        }
        if (done.contains(schema)) {
            return;
        }
        Map<String, Object> properties = mappings.properties(schema);
        try {
            retrier.call("mapping index " + index, () -> {
                apply(index, properties);
                return null;
            });
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 400) {
                LOG.warn("Index '{}' keeps mappings that differ from the record schema (Elasticsearch cannot change a"
                        + " field's type in place): {}. Documents that do not fit are handled per {}; to follow the"
                        + " new schema, rebuild the read model into a new index with the next {}.", index,
                        IndexCreator.body(e), BulkSettings.MALFORMED_DOCUMENTS_CONFIG,
                        IndexSettings.READ_MODEL_GENERATION_CONFIG);
            } else {
                throw new ConnectException("could not map index '" + index + "' from the record schema: "
                        + e.getMessage(), e);
            }
        } catch (IOException e) {
            TlsRefusal.throwIfRefused(e, tlsAdvice, "Index '" + index + "' was not created or mapped from the "
                    + "record schema and nothing was written to it; no offset past its first record is committed");
            throw new ConnectException("could not map index '" + index + "' from the record schema: " + e, e);
        }
        done.add(schema);
    }

    private void apply(String index, Map<String, Object> properties) throws IOException {
        if (creator.createIfAbsent(index, properties)) {
            return;
        }
        Request put = new Request("PUT", "/" + index + "/_mapping");
        put.setJsonEntity(JSON.writeValueAsString(Map.of("properties", properties)));
        client.performRequest(put);
        LOG.info("Mapped the record schema's fields on '{}'", index);
    }
}
