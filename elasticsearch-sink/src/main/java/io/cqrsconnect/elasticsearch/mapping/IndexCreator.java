package io.cqrsconnect.elasticsearch.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.common.retry.RetryPolicy;
import org.apache.kafka.connect.errors.ConnectException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the indices the sink writes to, with the settings it was configured with (the guard against mapping
 * explosion, {@code index.mapping.total_fields.limit}; with versioning, how long deleted documents' versions are
 * remembered, {@code index.gc_deletes}) and, in schema mapping mode, the fields' mappings, before
 * Elasticsearch's auto-creation would create them without. An existing index, alias or data stream is left as it is.
 */
public final class IndexCreator {

    private static final Logger LOG = LoggerFactory.getLogger(IndexCreator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;
    private final Map<String, Object> settings;
    private final Retrier retrier;
    private final Set<String> known = new HashSet<>();
    /** Null unless created indices get an index.gc_deletes of their own. */
    private final DeletedVersionsWindowCheck deletedVersions;

    /**
     * @param totalFieldsLimit the most fields a created index may map, or 0 for Elasticsearch's default
     * @param gcDeletes how long a created index remembers deleted documents' versions ({@code index.gc_deletes}, in
     *                  Elasticsearch's syntax), or null to leave Elasticsearch's default and check nothing; when set,
     *                  the first {@link #ensureExists} of every index also warns if its window is shorter
     */
    public IndexCreator(RestClient client, int totalFieldsLimit, String gcDeletes, RetryPolicy retryPolicy) {
        this.client = client;
        Map<String, Object> chosen = new LinkedHashMap<>();
        if (totalFieldsLimit > 0) {
            chosen.put("index.mapping.total_fields.limit", totalFieldsLimit);
        }
        if (gcDeletes != null) {
            chosen.put("index.gc_deletes", gcDeletes);
        }
        this.settings = Map.copyOf(chosen);
        this.deletedVersions = gcDeletes == null ? null : new DeletedVersionsWindowCheck(client, gcDeletes);
        this.retrier = new Retrier(retryPolicy, IndexCreator::isTransient);
    }

    /** True when indices are created with settings of their own, so even dynamic mapping should create them. */
    public boolean hasSettings() {
        return !settings.isEmpty();
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
        } catch (IOException e) {
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
        Map<String, Object> body = new LinkedHashMap<>();
        if (!settings.isEmpty()) {
            body.put("settings", settings);
        }
        if (properties != null) {
            body.put("mappings", Map.of("properties", properties));
        }
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
        LOG.info("Created index '{}'{}{}", index, settings.isEmpty() ? "" : " with " + settings,
                properties == null ? "" : " and " + properties.size() + " fields mapped from the record schema");
        return true;
    }

    static boolean isTransient(Throwable e) {
        if (e instanceof ResponseException response) {
            int status = response.getResponse().getStatusLine().getStatusCode();
            return status == 429 || status >= 500;
        }
        return e instanceof IOException;
    }

    static String body(ResponseException e) {
        try (InputStream in = e.getResponse().getEntity().getContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return e.getMessage();
        }
    }
}
