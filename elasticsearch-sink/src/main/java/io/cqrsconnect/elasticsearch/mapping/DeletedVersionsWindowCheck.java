package io.cqrsconnect.elasticsearch.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrsconnect.elasticsearch.config.ElasticsearchDuration;
import io.cqrsconnect.elasticsearch.config.WriteSettings;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when an index the sink writes versioned documents to forgets deleted documents' versions sooner than the
 * sink was told to rely on ({@code index.gc.deletes}): past its {@code index.gc_deletes}, a replayed event older than a
 * delete recreates the deleted document. Reads the effective setting (the index's own or the cluster default) of
 * every index behind the name, once; a failure to read it is logged, never fatal. The connector's validation asks
 * the same question ({@link #shortWindows}) of the indices a configuration names before any record arrives.
 */
public final class DeletedVersionsWindowCheck {

    /**
     * An existing index that forgets deletes sooner than the sink relies on.
     *
     * @param index the index (behind an alias or a data stream, possibly)
     * @param effective its {@code index.gc_deletes}
     * @param wanted the sink's {@code index.gc.deletes}
     */
    public record ShortWindow(String index, String effective, String wanted) {

        /** What goes wrong and the two ways out: raise the index's window, or accept the risk. */
        public String advice() {
            return "Index '" + index + "' forgets the versions of deleted documents after " + SETTING + "="
                    + effective + ", sooner than " + WriteSettings.INDEX_GC_DELETES_CONFIG + "="
                    + wanted + ": an event older than a delete that is replayed after that window recreates the "
                    + "deleted document. Raise it (PUT /" + index + "/_settings {\"" + SETTING + "\": \"" + wanted
                    + "\"}) or set " + WriteSettings.INDEX_GC_DELETES_CONFIG + " to " + effective
                    + " or less if that risk is accepted.";
        }
    }


    private static final Logger LOG = LoggerFactory.getLogger(DeletedVersionsWindowCheck.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SETTING = "index.gc_deletes";

    private final RestClient client;
    private final Duration wanted;
    private final String wantedText;

    public DeletedVersionsWindowCheck(RestClient client, String wantedText) {
        this.client = client;
        this.wanted = ElasticsearchDuration.parse(wantedText);
        this.wantedText = wantedText;
    }

    /** Logs a warning for every index behind the name whose effective window is shorter than the wanted one. */
    void check(String name) {
        try {
            shortWindows(name).forEach(window -> LOG.warn(window.advice()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not read {} of '{}' to check that deleted documents stay deleted under replay: {}",
                    SETTING, name, e.toString());
        }
    }

    /**
     * Every index behind the name (an index, an alias, a data stream) whose effective window is shorter than the
     * wanted one; none when nothing of that name exists.
     *
     * @throws IOException when the settings cannot be read (the cluster is unreachable, the user may not read them)
     */
    public List<ShortWindow> shortWindows(String name) throws IOException {
        JsonNode answer;
        Request request = new Request("GET", "/" + name + "/_settings/" + SETTING);
        request.addParameter("include_defaults", "true");
        request.addParameter("flat_settings", "true");
        try (InputStream in = client.performRequest(request).getEntity().getContent()) {
            answer = JSON.readTree(in);
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return List.of();
            }
            throw e;
        }
        List<ShortWindow> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> index : answer.properties()) {
            String effective = effectiveWindow(index.getValue());
            if (effective != null && shorter(effective)) {
                found.add(new ShortWindow(index.getKey(), effective, wantedText));
            }
        }
        return found;
    }

    private static String effectiveWindow(JsonNode index) {
        JsonNode own = index.path("settings").path(SETTING);
        JsonNode value = own.isMissingNode() ? index.path("defaults").path(SETTING) : own;
        return value.isTextual() ? value.asText() : null;
    }

    private boolean shorter(String effective) {
        try {
            return ElasticsearchDuration.parse(effective).compareTo(wanted) < 0;
        } catch (IllegalArgumentException e) {
            // a value such as -1 (never forget) or a unit we do not know: nothing to warn about with confidence
            return false;
        }
    }
}
