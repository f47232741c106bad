package io.cqrsconnect.rebuild.extension;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cqrsconnect.common.retry.Retrier;
import io.cqrsconnect.common.retry.RetryPolicy;
import io.cqrsconnect.rebuild.ConnectApi;
import io.cqrsconnect.rebuild.RebuildConfig;
import io.cqrsconnect.rebuild.RebuildStarter;
import io.cqrsconnect.rebuild.RebuildState;
import io.cqrsconnect.rebuild.RebuildStatus;
import io.cqrsconnect.rebuild.StatusView;
import io.cqrsconnect.rebuild.request.CoordinatorClasses;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.health.AbstractState;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;

/**
 * {@code /read-models}: every read model a cqrs-connect sink writes, one with its rebuild's progress, and the rebuild
 * itself (start, cancel). Bodies are JSON; errors are JSON {@code {"error_code": ..., "message": ...}} like Connect's.
 */
@Path("/read-models")
@Produces(MediaType.APPLICATION_JSON)
public class ReadModelsResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Retries of a read the herder refuses during a rebalance: about three seconds in all. */
    private static final Retrier REBALANCE_RETRIES = new Retrier(new RetryPolicy(6, Duration.ofMillis(100),
            Duration.ofSeconds(1)), failure -> failure instanceof ConnectException);

    private final ConnectClusterState cluster;
    private final ExtensionSettings settings;
    private final StatusView statuses;

    /** @param statuses the extension's one view of the status topic, closed by the extension */
    ReadModelsResource(ConnectClusterState cluster, ExtensionSettings settings, StatusView statuses) {
        this.cluster = cluster;
        this.settings = settings;
        this.statuses = statuses;
    }

    @GET
    public Response list() {
        Map<String, RebuildStatus> rebuilds = statuses.readAll();
        ArrayNode models = JSON.createArrayNode();
        for (String connector : connectors()) {
            config(connector).filter(config -> CoordinatorClasses.forSink(config.get("connector.class")).isPresent())
                    .ifPresent(config -> models.add(describe(connector, config, rebuilds.get(connector))));
        }
        return ok(models);
    }

    @GET
    @Path("/{connector}")
    public Response show(@PathParam("connector") String connector) {
        Optional<Map<String, String>> config = config(connector);
        if (config.isEmpty()) {
            return error(404, "There is no connector '" + connector + "'.");
        }
        if (CoordinatorClasses.forSink(config.get().get("connector.class")).isEmpty()) {
            return notOurs(connector, config.get());
        }
        return ok(describe(connector, config.get(), statuses.read(connector).orElse(null)));
    }

    @POST
    @Path("/{connector}/rebuild")
    public Response rebuild(@PathParam("connector") String connector, @QueryParam("force") @DefaultValue("false")
                            boolean force, @QueryParam("in_place") @DefaultValue("false") boolean inPlace,
                            @Context UriInfo uri, String body) {
        Optional<Map<String, String>> config = config(connector);
        if (config.isEmpty()) {
            return error(404, "There is no connector '" + connector + "'.");
        }
        Optional<String> coordinatorClass = CoordinatorClasses.forSink(config.get().get("connector.class"));
        if (coordinatorClass.isEmpty()) {
            return notOurs(connector, config.get());
        }
        String overrides;
        try {
            overrides = overrides(body);
            RebuildConfig.parseOverrides(overrides);
        } catch (IllegalArgumentException | ConfigException | JsonProcessingException e) {
            return error(400, "The body must be {\"config\": {setting: value, ...}}: " + e.getMessage());
        }
        RebuildStarter starter = new RebuildStarter(api(uri), coordinatorUrls(uri), settings.connectUser(),
                settings.connectPassword(), settings.statusTopic(), settings.kafkaClient());
        RebuildStarter.Outcome outcome = starter.start(connector, config.get(), coordinatorClass.get(), overrides,
                force, inPlace, statuses.read(connector));
        if (outcome instanceof RebuildStarter.UnderWay underWay) {
            return error(409, "A rebuild of '" + connector + "' is under way (" + underWay.status()
                    .map(status -> status.state().toString()).orElse("starting") + "): wait for it, or cancel it "
                    + "with DELETE /read-models/" + connector + "/rebuild.");
        }
        RebuildStarter.Started started = (RebuildStarter.Started) outcome;
        ObjectNode accepted = JSON.createObjectNode().put("connector", connector)
                .put("coordinator", started.coordinator()).put("requested_at", started.requestedAt())
                .put("status", "/read-models/" + connector);
        return accepted(accepted);
    }

    @DELETE
    @Path("/{connector}/rebuild")
    public Response cancel(@PathParam("connector") String connector, @Context UriInfo uri) {
        String coordinator = RebuildStarter.coordinatorName(connector);
        Optional<Map<String, String>> config = config(coordinator);
        // the status of this coordinator's request: one a finished rebuild left says nothing about a new one
        Optional<RebuildStatus> last = statuses.read(connector).filter(status -> config.isPresent()
                && status.startedAt().equals(config.get().get(RebuildConfig.REQUESTED_AT_CONFIG)));
        RebuildState state = last.map(RebuildStatus::state).orElse(RebuildState.PREPARING);
        if (config.isEmpty() || state.terminal() || state == RebuildState.FAILING) {
            return error(404, "No rebuild of '" + connector + "' is under way.");
        }
        if (state == RebuildState.CANCELLING) {
            return accepted(JSON.createObjectNode().put("connector", connector).put("cancel", "requested"));
        }
        if (last.isPresent() && !last.get().cancellable()) {
            return error(409, "Too late to cancel: the rebuild of '" + connector + "' is " + last.get().state()
                    + (last.get().inPlace() ? ", in place: its model is cleared and the connector replays into it."
                    : ", past the switch of its logical names; it finishes the handoff."));
        }
        Map<String, String> cancelled = new LinkedHashMap<>(config.get());
        cancelled.put(RebuildConfig.CANCEL_CONFIG, "true");
        api(uri).replaceConfig(coordinator, cancelled);
        return accepted(JSON.createObjectNode().put("connector", connector).put("cancel", "requested"));
    }

    private ObjectNode describe(String connector, Map<String, String> config, RebuildStatus rebuild) {
        ObjectNode model = JSON.createObjectNode().put("connector", connector)
                .put("connector_class", config.get("connector.class"));
        model.put("serving_generation", Integer.parseInt(config.getOrDefault("read.model.generation", "0").trim()));
        model.set("rebuild", rebuild == null ? null : JSON.valueToTree(rebuild));
        return model;
    }

    /**
     * The cluster's connectors; a worker that is rebalancing (a rebuild's connector just created, say) refuses to
     * list them for a moment, so the listing is retried, and answered 409 if the cluster stays busy.
     */
    private Collection<String> connectors() {
        try {
            return REBALANCE_RETRIES.call("listing the connectors", cluster::connectors);
        } catch (ConnectException e) {
            throw new WebApplicationException(error(409, "The Connect cluster did not list its connectors ("
                    + e.getMessage() + "); it is probably rebalancing: retry in a moment."));
        }
    }

    private Optional<Map<String, String>> config(String connector) {
        if (!connectors().contains(connector)) {
            return Optional.empty(); // asking for the config of an unknown one fails with a generic ConnectException
        }
        try {
            // a rebalance (another rebuild's connectors starting, say) makes the herder refuse for a moment
            return Optional.of(REBALANCE_RETRIES.call("reading the config of " + connector,
                    () -> cluster.connectorConfig(connector)));
        } catch (ConnectException e) {
            if (!connectors().contains(connector)) {
                return Optional.empty(); // deleted since it was listed
            }
            throw new WebApplicationException(error(409, "The Connect cluster did not answer for '" + connector
                    + "' (" + e.getMessage() + "); it is probably rebalancing: retry in a moment."));
        }
    }

    private static String overrides(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return "{}";
        }
        JsonNode request = JSON.readTree(body);
        if (!request.isObject() || request.size() > 1 || request.size() == 1 && !request.has("config")) {
            throw new IllegalArgumentException("unexpected fields " + request.fieldNames().next());
        }
        return request.has("config") ? request.get("config").toString() : "{}";
    }

    private ConnectApi api(UriInfo uri) {
        return new ConnectApi(connectUrl(uri), settings.connectUser(), settings.connectPassword());
    }

    /** Where this extension reaches the REST API: the configured URL, else this worker's. */
    private String connectUrl(UriInfo uri) {
        return settings.connectUrl().isEmpty() ? uri.getBaseUri().toString() : settings.connectUrl();
    }

    /**
     * Where a coordinator reaches the REST API: the configured URL, else this worker's followed by those of the
     * other workers that run a connector or a task now. Connect moves a coordinator when its worker dies, and the
     * worker that dies may be this one.
     */
    private String coordinatorUrls(UriInfo uri) {
        if (!settings.connectUrl().isEmpty()) {
            return settings.connectUrl();
        }
        URI own = uri.getBaseUri();
        Set<String> urls = new LinkedHashSet<>(List.of(own.toString()));
        for (String connector : connectors()) {
            try {
                ConnectorHealth health = cluster.connectorHealth(connector);
                Stream.concat(Stream.of(health.connectorState()), health.tasksState().values().stream())
                        .map(AbstractState::workerId).filter(id -> id != null && !id.isBlank())
                        .forEach(workerId -> urls.add(own.getScheme() + "://" + workerId + "/"));
            } catch (ConnectException deleted) {
                // deleted since it was listed
            }
        }
        return String.join(",", urls);
    }

    private static Response notOurs(String connector, Map<String, String> config) {
        return error(400, "'" + connector + "' is a " + config.get("connector.class") + "; only the read models of "
                + "cqrs-connect's sinks (JDBC, Elasticsearch) can be rebuilt here.");
    }

    private static Response ok(JsonNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).build();
    }

    private static Response accepted(JsonNode body) {
        return Response.status(202).entity(body.toString()).type(MediaType.APPLICATION_JSON).build();
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(JSON.createObjectNode().put("error_code", status)
                .put("message", message).toString()).type(MediaType.APPLICATION_JSON).build();
    }
}
