package io.cqrsconnect.elasticsearch.targets;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.elasticsearch.client.TlsRefusal;
import io.cqrsconnect.elasticsearch.client.TransientFailure;
import io.cqrsconnect.elasticsearch.config.FlatSettingNames;
import org.apache.kafka.connect.errors.ConnectException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out, once per name and task, what a target name is (index, alias, data stream, nothing yet) with
 * {@code _resolve/index}, and which composable index template matches it with {@code _index_template/_simulate_index}
 * (Elasticsearch's own choice among templates, with their component templates composed). The answers are kept: an
 * absent name's template decides what the first write creates, and stays right once it has. A user without the
 * privileges to look ({@code view_index_metadata} on the targets, {@code manage_index_templates} for templates) gets
 * one warning and the behaviour of an index without a template. Runs on the task thread.
 */
public final class WriteTargets {

    private static final Logger LOG = LoggerFactory.getLogger(WriteTargets.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Backing indices of data streams are named {@code .ds-<data stream>-<date>-<generation>}. */
    private static final String BACKING_INDEX_PREFIX = ".ds-";
    /** The answer to a request the user is not allowed to make. */
    private static final JsonNode FORBIDDEN = JSON.createObjectNode();

    private final RestClient client;
    private final Retrier retrier;
    /** What to tell the user about a refused certificate: {@link TlsRefusal#describe} with the task's config. */
    private final Function<TlsRefusal, String> tlsAdvice;
    private final Map<String, WriteTarget> known = new HashMap<>();
    private boolean warnedTargets;
    private boolean warnedTemplates;

    public WriteTargets(RestClient client, RetryPolicy retryPolicy, Function<TlsRefusal, String> tlsAdvice) {
        this.client = client;
        this.retrier = new Retrier(retryPolicy, TransientFailure::test);
        this.tlsAdvice = tlsAdvice;
    }

    /** What the name is; asks the cluster on the first call for a name only. */
    public WriteTarget resolve(String name) {
        WriteTarget target = known.get(name);
        if (target == null) {
            try {
                target = retrier.call("resolving " + name, () -> lookUp(name));
            } catch (IOException e) {
                TlsRefusal.throwIfRefused(e, tlsAdvice, "What '" + name + "' is (index, alias or data stream) was "
                        + "not looked up and nothing was written to it; no offset past its first record is committed");
                throw new ConnectException("could not find out what '" + name + "' is (index, alias or data stream): "
                        + e, e);
            }
            LOG.info("Target '{}' is {}{}", name, describe(target.kind()), target.template().isEmpty() ? ""
                    : target.isDataStream() ? ", a data stream template matches"
                    : ", an index template matches" + (target.templateMaps() ? " (with mappings)" : ""));
            known.put(name, target);
        }
        return target;
    }

    private WriteTarget lookUp(String name) throws IOException {
        JsonNode resolved = getOrNull("/_resolve/index/" + name);
        if (resolved == FORBIDDEN) {
            if (!warnedTargets) {
                warnedTargets = true;
                LOG.warn("The connector's user may not resolve '{}' (it needs the view_index_metadata privilege on "
                        + "its targets): each target is written as an index, so a data stream's writes fail", name);
            }
            return new WriteTarget(name, WriteTarget.Kind.UNKNOWN, template(name));
        }
        if (resolved == null) {
            return new WriteTarget(name, WriteTarget.Kind.ABSENT, template(name));
        }
        if (!resolved.path("data_streams").isEmpty()) {
            return new WriteTarget(name, WriteTarget.Kind.DATA_STREAM, Optional.empty());
        }
        JsonNode aliases = resolved.path("aliases");
        if (!aliases.isEmpty()) {
            return new WriteTarget(name, aliasOfDataStreams(aliases.get(0)) ? WriteTarget.Kind.DATA_STREAM
                    : WriteTarget.Kind.ALIAS, Optional.empty());
        }
        return new WriteTarget(name, WriteTarget.Kind.INDEX, template(name));
    }

    /** An alias points at indices or at data streams, never both; Elasticsearch lists a data stream's by index. */
    private boolean aliasOfDataStreams(JsonNode alias) throws IOException {
        JsonNode indices = alias.path("indices");
        if (indices.isEmpty() || !indices.get(0).asText().startsWith(BACKING_INDEX_PREFIX)) {
            return false;
        }
        JsonNode backing = getOrNull("/_resolve/index/" + indices.get(0).asText());
        return backing != null && backing != FORBIDDEN
                && backing.path("indices").path(0).hasNonNull("data_stream");
    }

    private Optional<MatchedTemplate> template(String name) throws IOException {
        Request simulate = new Request("POST", "/_index_template/_simulate_index/" + name);
        JsonNode answer;
        try {
            answer = read(client.performRequest(simulate));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status != 401 && status != 403) {
                throw e;
            }
            if (!warnedTemplates) {
                warnedTemplates = true;
                LOG.warn("The connector's user may not read index templates (it needs the manage_index_templates "
                        + "cluster privilege): the sink cannot respect a template matching '{}' and writes as if "
                        + "none did", name);
            }
            return Optional.empty();
        }
        JsonNode template = answer.path("template");
        if (template.isMissingNode()) {
            // Elasticsearch answers {} when no template matches
            return Optional.empty();
        }
        Map<?, ?> settings = JSON.convertValue(template.path("settings"), Map.class);
        JsonNode mappings = template.path("mappings");
        boolean dataStream = mappings.path("_data_stream_timestamp").path("enabled").asBoolean(false);
        boolean hasMappings = mappings.has("properties") || mappings.has("dynamic_templates")
                || mappings.has("dynamic") || mappings.has("runtime");
        return Optional.of(new MatchedTemplate(settings == null ? Set.of() : FlatSettingNames.of(settings),
                hasMappings, dataStream));
    }

    /** The answer, null for 404, {@link #FORBIDDEN} for 401/403. */
    private JsonNode getOrNull(String path) throws IOException {
        try {
            return read(client.performRequest(new Request("GET", path)));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 404) {
                return null;
            }
            if (status == 401 || status == 403) {
                return FORBIDDEN;
            }
            throw e;
        }
    }

    private static JsonNode read(Response response) throws IOException {
        try (InputStream in = response.getEntity().getContent()) {
            return JSON.readTree(in);
        }
    }

    private static String describe(WriteTarget.Kind kind) {
        return switch (kind) {
            case INDEX -> "an index";
            case ALIAS -> "an alias";
            case DATA_STREAM -> "a data stream";
            case ABSENT -> "not there yet";
            case UNKNOWN -> "unknown (not allowed to look)";
        };
    }
}
