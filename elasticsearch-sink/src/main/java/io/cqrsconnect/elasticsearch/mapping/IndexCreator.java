package io.cqrsconnect.elasticsearch.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.elasticsearch.client.TlsRefusal;
import io.cqrsconnect.elasticsearch.client.TransientFailure;
import io.cqrsconnect.elasticsearch.config.CustomIndexDefinition;
import io.cqrsconnect.elasticsearch.config.MappingSettings;
import io.cqrsconnect.elasticsearch.targets.MatchedTemplate;
import io.cqrsconnect.elasticsearch.targets.WriteTargets;
import org.apache.kafka.connect.errors.ConnectException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the indices the sink writes to, with the settings it was configured with (the guard against mapping
 * explosion, {@code index.mapping.total_fields.limit}; with versioning, how long deleted documents' versions are
 * remembered, {@code index.gc_deletes}) and the mappings of its mapping mode (the fields of the record schema, or the
 * user's {@code mapping.custom.json}), before Elasticsearch's auto-creation would create them without. An existing
 * index, alias or data stream is left as it is. A composable index template matching the name is respected: its
 * settings are not overridden by the sink's, and where it has mappings the schema's are not sent (Elasticsearch
 * applies the template to the index created here).
 */
public final class IndexCreator {

    private static final Logger LOG = LoggerFactory.getLogger(IndexCreator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    private final Map<String, Object> settings;
    /** Settings that win over every other while a rebuild replays into the index; empty on a live connector. */
    private final Map<String, Object> replaySettings;
    /** Null unless mapping.mode=custom. */
    private final CustomIndexDefinition custom;
    private final WriteTargets targets;
    private final Retrier retrier;
    /** What to tell the user about a refused certificate: {@link TlsRefusal#describe} with the task's config. */
    private final Function<TlsRefusal, String> tlsAdvice;
    private final Set<String> known = new HashSet<>();
    /** Null unless created indices get an index.gc_deletes of their own. */
    private final DeletedVersionsWindowCheck deletedVersions;

    /**
     * @param totalFieldsLimit the most fields a created index may map, or 0 for Elasticsearch's default
     * @param gcDeletes how long a created index remembers deleted documents' versions ({@code index.gc_deletes}, in
     *                  Elasticsearch's syntax), or null to leave Elasticsearch's default and check nothing; when set,
     *                  the first {@link #ensureExists} of every index also warns if its window is shorter
     * @param custom the user's index definition (mapping.mode=custom), or null
     * @param replaySettings settings (flat names) over all others while a rebuild replays history into the index
     *                       (read.model.replay.index.settings); empty on a live connector
     * @param targets what tells which index template matches a name
     * @param tlsAdvice what to tell the user about a refused certificate ({@link TlsRefusal#describe})
     */
    public IndexCreator(RestClient client, int totalFieldsLimit, String gcDeletes, CustomIndexDefinition custom,
                        Map<String, Object> replaySettings, WriteTargets targets, RetryPolicy retryPolicy,
                        Function<TlsRefusal, String> tlsAdvice) {
        this.client = client;
        this.replaySettings = replaySettings;
        this.tlsAdvice = tlsAdvice;
        this.custom = custom;
        this.targets = targets;
        Map<String, Object> chosen = new LinkedHashMap<>();
        if (totalFieldsLimit > 0) {
            chosen.put("index.mapping.total_fields.limit", totalFieldsLimit);
        }
        if (gcDeletes != null) {
            chosen.put("index.gc_deletes", gcDeletes);
        }
        this.settings = Map.copyOf(chosen);
        this.deletedVersions = gcDeletes == null ? null : new DeletedVersionsWindowCheck(client, gcDeletes);
        this.retrier = new Retrier(retryPolicy, TransientFailure::test);
    }

    /**
     * True when indices are created with settings or a custom mapping of their own, so the sink creates them even
     * where no record schema is mapped.
     */
    public boolean createsIndices() {
        return !settings.isEmpty() || !replaySettings.isEmpty() || custom != null;
    }

    /**
     * Creates the index (with retries) unless it exists, then checks its deleted-versions window if one was
     * configured; a no-op after the first call for a name.
     */
    public void ensureExists(String index) {
        if (known.contains(index)) {
            return;
        }
        try {
            retrier.call("creating index " + index, () -> createIfAbsent(index, null));
        } catch (ResponseException e) {
            if (custom != null && e.getResponse().getStatusLine().getStatusCode() == 400) {
                throw new ConnectException("Elasticsearch refused to create index '" + index + "' with the mapping in '"
                        + MappingSettings.MAPPING_CUSTOM_JSON_CONFIG + "': " + body(e)
                        + ". Correct the mapping there.", e);
            }
            throw new ConnectException("could not create index '" + index + "': " + e, e);
        } catch (IOException e) {
            TlsRefusal.throwIfRefused(e, tlsAdvice, "Index '" + index + "' was not created and nothing was written "
                    + "to it; no offset past its first record is committed");
            throw new ConnectException("could not create index '" + index + "': " + e, e);
        }
        if (deletedVersions != null) {
            // whether found or created here: another writer may have created it first, without the setting
            deletedVersions.check(index);
        }
        known.add(index);
    }

    /**
     * Creates the index with the settings and the given field mappings unless it (or an alias or data stream of
     * that name) exists.
     *
     * @return true when this call created it
     */
    boolean createIfAbsent(String index, Map<String, Object> properties) throws IOException {
        // the REST client answers a HEAD's 404 as a response, not an exception
        if (client.performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200) {
            return false;
        }
        Optional<MatchedTemplate> template = targets.resolve(index).template();
        Map<String, Object> body = body(template, properties);
        Request create = new Request("PUT", "/" + index);
        create.setJsonEntity(JSON.writeValueAsString(body));
        try {
            client.performRequest(create);
        } catch (ResponseException e) {
            if (body(e).contains("resource_already_exists_exception")) {
                return false;
            }
            throw e;
        }
        LOG.info("Created index '{}'{}{}{}", index,
                body.containsKey("settings") ? " with " + body.get("settings") : "",
                custom != null ? " and the mapping of " + MappingSettings.MAPPING_CUSTOM_JSON_CONFIG
                        : body.containsKey("mappings") ? " and " + properties.size()
                        + " fields mapped from the record schema" : "",
                template.isPresent() ? ", under the index template that matches its name" : "");
        return true;
    }

    /**
     * The create-index body: the custom definition as given, plus the sink's settings that neither it nor the
     * matching template sets; the schema's fields unless the template maps fields itself.
     */
    private Map<String, Object> body(Optional<MatchedTemplate> template, Map<String, Object> properties) {
        Map<String, Object> chosen = new LinkedHashMap<>();
        if (custom != null) {
            chosen.putAll(custom.settings());
        }
        settings.forEach((name, value) -> {
            boolean given = custom != null && custom.setsSetting(name);
            boolean templated = template.map(t -> t.setsSetting(name)).orElse(false);
            if (!given && !templated) {
                chosen.put(name, value);
            }
        });
        chosen.putAll(replaySettings);
        Map<String, Object> body = new LinkedHashMap<>();
        if (!chosen.isEmpty()) {
            body.put("settings", chosen);
        }
        if (custom != null) {
            if (!custom.mappings().isEmpty()) {
                body.put("mappings", custom.mappings());
            }
        } else if (properties != null && !template.map(MatchedTemplate::hasMappings).orElse(false)) {
            body.put("mappings", Map.of("properties", properties));
        }
        return body;
    }

    static String body(ResponseException e) {
        try (InputStream in = e.getResponse().getEntity().getContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return e.getMessage();
        }
    }
}
