package io.cqrsconnect.testing.elasticsearch;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.cqrsconnect.testing.FreePorts;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.awaitility.core.ConditionTimeoutException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;

/**
 * A real Elasticsearch server for tests, run as a separate process from the distribution zip that Maven fetches
 * ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch}), so tests need neither Docker nor an installed
 * Elasticsearch.
 *
 * <p>Use it as a JUnit 5 extension ({@code @RegisterExtension static final ElasticsearchNode ES = new
 * ElasticsearchNode();}: started before the class's tests, closed after) or by hand with {@link #start()} and
 * {@link #close()}. Classes that only write indices of their own share {@link #shared()}, one node per JVM. {@link #stop()} and {@link #restart()} keep the port and the data directory, for tests of what
 * a connector does while Elasticsearch goes away and comes back.
 *
 * <p>What it does, and why:
 * <ul>
 *   <li>The zip is unpacked once into {@code ${cqrs.build.directory}/elasticsearch-<version>}, not used from the
 *       local Maven repository, which other users usually cannot read.</li>
 *   <li>Each node gets its own run directory (a copy of {@code config/}, and its own data, logs and tmp), so nodes
 *       never share state and a restart finds its own data again.</li>
 *   <li>Elasticsearch refuses to run as root. When the build runs as root (as it does in CI) the node runs as the
 *       system user {@value UnprivilegedUser#NAME}, created on first use, through {@code setpriv}; the run
 *       directory is handed over to that user.</li>
 *   <li>The heap is set explicitly, 512 MB unless {@link #withHeapMegabytes} says otherwise (benchmarks):
 *       Elasticsearch would otherwise take half the machine's memory.</li>
 *   <li>It listens on 127.0.0.1 only, as a single-node cluster, with the disk watermarks off so a full build disk
 *       does not turn indices read-only halfway through a test. Security is off unless {@link #withBasicAuth}
 *       asks for a file-realm user.</li>
 *   <li>{@link #withTls()} serves https: a throwaway CA and a node certificate (for {@code localhost} and
 *       {@code 127.0.0.1}, or the names given) are made at test time with the distribution's own
 *       {@code bin/elasticsearch-certutil}; tests configure clients with {@link #tlsCaPemPath()} or
 *       {@link #tlsTrustStorePath()} and {@link #tlsTrustStorePassword()}. The fixture's own clients (health
 *       checks, {@link #client()}) trust that CA, and check host names unless the certificate was made for names
 *       other than {@code 127.0.0.1}, so a node with a deliberately wrong name can still be set up and read.</li>
 *   <li>API keys ({@code POST /_security/api_key}) work with basic auth, over http or https, because the
 *       fixture installs the analysis components the {@code .security} index needs and this distribution lacks
 *       ({@link SecurityAnalysisPlugin} says why); TLS has nothing to do with it.</li>
 *   <li>A JVM shutdown hook kills the node if the test run dies without closing it.</li>
 * </ul>
 */
public final class ElasticsearchNode implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchNode.class);
    private static final int DEFAULT_HEAP_MB = 512;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final List<String> DEFAULT_CERTIFICATE_NAMES = List.of("localhost", "127.0.0.1");
    /** The address every client of the fixture connects to; a certificate naming it passes host name checks. */
    private static final String HOST = "127.0.0.1";
    private static ElasticsearchNode shared;

    private final String username;
    private final String password;

    private ElasticsearchDistribution distribution;
    private UnprivilegedUser user;
    private Path runDirectory;
    private int port;
    private Process process;
    private ElasticsearchClient client;
    private Thread shutdownHook;
    private String owningContext;
    /** True for {@link #shared()} and {@link #sharedByTestClasses()}: no test class closes it. */
    private boolean sharedByClasses;
    private boolean keepRunDirectory;
    private int heapMegabytes = DEFAULT_HEAP_MB;
    private List<String> certificateNames;
    private NodeCertificates certificates;
    private final Map<String, String> extraSettings = new LinkedHashMap<>();

    /** A node with security off. */
    public ElasticsearchNode() {
        this(null, null);
    }

    private ElasticsearchNode(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /**
     * The plain node (security off, the fixture's settings) that the test classes of one JVM share: started by the
     * first class that registers it, never closed by one, and killed by the shutdown hook when the JVM ends. A node
     * start is the slowest part of most Elasticsearch tests, and a class that writes only indices and templates of
     * its own names needs no node of its own. Classes that stop, restart or reconfigure the node, or change settings
     * of the whole cluster, make their own.
     */
    public static synchronized ElasticsearchNode shared() {
        if (shared == null) {
            shared = new ElasticsearchNode();
            shared.sharedByClasses = true;
        }
        return shared;
    }

    /** A node with security on and one superuser in the file realm; {@link #client()} logs in as that user. */
    public static ElasticsearchNode withBasicAuth(String username, String password) {
        if (username == null || password == null || password.length() < 6) {
            throw new IllegalArgumentException("a user name and a password of at least 6 characters are needed");
        }
        return new ElasticsearchNode(username, password);
    }

    /**
     * Serves https with a certificate for {@code localhost} and {@code 127.0.0.1}, signed by a CA made for this
     * node. Needs {@link #withBasicAuth} (Elasticsearch serves TLS only with security on); call before it starts.
     */
    public ElasticsearchNode withTls() {
        return withTls(DEFAULT_CERTIFICATE_NAMES.toArray(String[]::new));
    }

    /**
     * Serves https with a certificate for exactly these host names and IP addresses: names that do not include
     * the node's address {@code 127.0.0.1} make a certificate that host name verification must refuse.
     */
    public ElasticsearchNode withTls(String... certificateNames) {
        if (username == null) {
            throw new IllegalStateException("Elasticsearch serves TLS only with security on: use "
                    + "ElasticsearchNode.withBasicAuth(user, password).withTls()");
        }
        if (certificateNames.length == 0) {
            throw new IllegalArgumentException("a certificate needs at least one name");
        }
        if (runDirectory != null) {
            throw new IllegalStateException("withTls must be called before the node first starts");
        }
        this.certificateNames = List.of(certificateNames);
        return this;
    }

    /** Sets the node's heap (minimum and maximum alike), before it starts; tests keep the default 512 MB. */
    public ElasticsearchNode withHeapMegabytes(int megabytes) {
        this.heapMegabytes = megabytes;
        return this;
    }

    /**
     * Adds a node setting ({@code -E key=value}) before the node starts, e.g. a small {@code http.max_content_length}
     * for tests of oversized requests; it overrides the fixture's own value for the same key.
     */
    public ElasticsearchNode withSetting(String key, String value) {
        extraSettings.put(key, value);
        return this;
    }

    /**
     * Lets several test classes share this node, as {@link #shared()} does for the plain one: the first class that
     * registers it starts it, none closes it, and the shutdown hook kills it when the JVM ends. For a node with
     * settings of its own that more than one class needs (hold it in a static field the classes register).
     */
    public ElasticsearchNode sharedByTestClasses() {
        sharedByClasses = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Nested test classes see the outer class's extension again; only the first class that starts it owns it.
        if (owningContext == null && !isRunning()) {
            owningContext = context.getUniqueId();
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!sharedByClasses && context.getUniqueId().equals(owningContext)) {
            owningContext = null;
            close();
        }
    }

    /** Starts the node (prepared on the first call) and returns once the cluster is yellow. */
    public synchronized ElasticsearchNode start() {
        if (isRunning()) {
            return this;
        }
        if (runDirectory == null) {
            prepare();
        }
        long started = System.nanoTime();
        launch();
        awaitHealthy();
        LOG.info("Elasticsearch {} is up on {} after {} ms (run directory {})", distribution.version(), httpUrl(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), runDirectory);
        return this;
    }

    /** Stops the process (SIGTERM, then SIGKILL after 30 s) and closes the client; port and data are kept. */
    public synchronized void stop() {
        closeClient();
        if (process == null) {
            return;
        }
        NodeProcess.terminate(process, STOP_TIMEOUT);
        process = null;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; nothing left to undo
            }
            shutdownHook = null;
        }
    }

    /** Stops the node if it runs, then starts it again on the same port with the same data. */
    public synchronized ElasticsearchNode restart() {
        stop();
        return start();
    }

    /** Stops the node and deletes its run directory (kept if the node failed to start, for the post-mortem). */
    @Override
    public synchronized void close() {
        stop();
        if (runDirectory != null && !keepRunDirectory) {
            try {
                ElasticsearchDistribution.deleteRecursively(runDirectory);
            } catch (IOException e) {
                LOG.warn("could not delete the Elasticsearch run directory {}", runDirectory, e);
            }
        }
        runDirectory = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The node's processes (the launcher and the server JVM it starts), for benchmarks that account CPU. */
    public synchronized java.util.Set<Long> processIds() {
        if (process == null) {
            return java.util.Set.of();
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        ids.add(process.pid());
        process.descendants().forEach(child -> ids.add(child.pid()));
        return ids;
    }

    /**
     * {@code http://127.0.0.1:PORT}, or {@code https://...} with {@link #withTls}; the port stays the same across
     * {@link #restart()}.
     */
    public synchronized String httpUrl() {
        return (certificateNames != null ? "https" : "http") + "://" + HOST + ":" + port();
    }

    /** The HTTP port; the same across {@link #restart()}. */
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("the Elasticsearch node was never started");
        }
        return port;
    }

    /** The CA that signed the node's certificate, as a PEM file ({@link #withTls} only). */
    public synchronized Path tlsCaPemPath() {
        return certificates().caPem();
    }

    /** A PKCS12 trust store holding the CA that signed the node's certificate ({@link #withTls} only). */
    public synchronized Path tlsTrustStorePath() {
        return certificates().trustStore();
    }

    /** The password of {@link #tlsTrustStorePath()}, random for each node. */
    public synchronized String tlsTrustStorePassword() {
        return certificates().trustStorePassword();
    }

    /** An SSL context that trusts the node's CA and nothing else ({@link #withTls} only). */
    public synchronized SSLContext tlsSslContext() {
        return certificates().sslContext();
    }

    /**
     * Replaces the running node's certificate with one for these names, signed by the same CA, and returns once the
     * node serves it (Elasticsearch watches its certificate files and reloads them): for tests of a certificate
     * renewed under a running client. {@link #withTls} only.
     */
    public synchronized void reissueCertificate(String... names) {
        certificates().reissueWhileServing(List.of(names), HOST, port, START_TIMEOUT);
    }

    private NodeCertificates certificates() {
        if (certificates == null) {
            throw new IllegalStateException(certificateNames == null
                    ? "this node serves plain http: create it with withBasicAuth(...).withTls()"
                    : "the Elasticsearch node was never started");
        }
        return certificates;
    }

    /** The basic-auth user name, or null when security is off. */
    public String username() {
        return username;
    }

    /** The basic-auth password, or null when security is off. */
    public String password() {
        return password;
    }

    /** The server's version, e.g. {@code 8.19.21}. */
    public synchronized String version() {
        return (distribution != null ? distribution : ElasticsearchDistribution.unpacked()).version();
    }

    /**
     * A client for this node, logged in when basic auth is on. The node closes it on {@link #stop()}, so after a
     * restart ask for it again.
     */
    public synchronized ElasticsearchClient client() {
        if (!isRunning()) {
            throw new IllegalStateException("the Elasticsearch node is not running");
        }
        if (client == null) {
            client = new ElasticsearchClient(new RestClientTransport(restClient(Duration.ofSeconds(30)),
                    new JacksonJsonpMapper()));
        }
        return client;
    }

    /** A low-level client logged in as the basic-auth user, trusting the node's CA; the caller closes it. */
    private RestClient restClient(Duration timeout) {
        RestClientBuilder builder = RestClient.builder(HttpHost.create(httpUrl()));
        builder.setRequestConfigCallback(request -> request.setConnectTimeout(2_000)
                .setSocketTimeout((int) timeout.toMillis()));
        if (username != null) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", basicAuthorization())});
        }
        if (certificates != null) {
            SSLContext ssl = certificates.sslContext();
            boolean namesTheHost = certificates.names().contains(HOST);
            builder.setHttpClientConfigCallback(http -> {
                http.setSSLContext(ssl);
                if (!namesTheHost) {
                    http.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                }
                return http;
            });
        }
        return builder.build();
    }

    private void prepare() {
        distribution = ElasticsearchDistribution.unpacked();
        port = FreePorts.next();
        try {
            Path runs = Files.createDirectories(ElasticsearchDistribution.buildDirectory().resolve("elasticsearch-runs"));
            Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("rwxr-xr-x"));
            runDirectory = Files.createTempDirectory(runs, "node-" + port + "-");
            distribution.copyConfigTo(runDirectory.resolve("config"));
            for (String directory : List.of("data", "logs", "tmp")) {
                Files.createDirectories(runDirectory.resolve(directory));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a run directory for Elasticsearch", e);
        }
        if (UnprivilegedUser.runningAsRoot()) {
            user = UnprivilegedUser.ensureExists();
            user.own(runDirectory);
            UnprivilegedUser.requireTraversableByOthers(distribution.home(), "the Elasticsearch distribution");
            UnprivilegedUser.requireTraversableByOthers(Path.of(System.getProperty("java.home")), "the JDK");
        }
        if (username != null) {
            addFileRealmUser();
        }
        if (certificateNames != null) {
            certificates = NodeCertificates.create(runDirectory, distribution.bin("elasticsearch-certutil"),
                    certificateNames, this::processBuilder);
            if (user != null) {
                user.own(runDirectory.resolve("config"));
            }
        }
    }

    private void addFileRealmUser() {
        List<String> command = List.of(distribution.bin("elasticsearch-users").toString(),
                "useradd", username, "-p", password, "-r", "superuser");
        UnprivilegedUser.Result result = UnprivilegedUser.run(processBuilder(command));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("elasticsearch-users useradd " + username + " failed with exit code "
                    + result.exitCode() + ":\n" + result.output());
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        command.add(distribution.bin("elasticsearch").toString());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("node.name", "cqrs-test-" + port);
        settings.put("discovery.type", "single-node");
        settings.put("network.host", "127.0.0.1");
        settings.put("http.port", Integer.toString(port));
        settings.put("transport.port", "0");
        settings.put("path.data", runDirectory.resolve("data").toString());
        settings.put("path.logs", runDirectory.resolve("logs").toString());
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        if (username == null) {
            settings.put("xpack.security.enabled", "false");
        } else {
            settings.put("xpack.security.enabled", "true");
            settings.put("xpack.security.http.ssl.enabled", Boolean.toString(certificateNames != null));
            if (certificateNames != null) {
                settings.put("xpack.security.http.ssl.key", NodeCertificates.NODE_KEY);
                settings.put("xpack.security.http.ssl.certificate", NodeCertificates.NODE_CERTIFICATE);
                // how often the node looks for changed certificate files (default 5 s), see reissueCertificate
                settings.put("resource.reload.interval.high", "1s");
            }
            // one node, no transport peers: transport TLS would only add certificates to manage
            settings.put("xpack.security.transport.ssl.enabled", "false");
        }
        settings.putAll(extraSettings);
        settings.forEach((name, value) -> {
            command.add("-E");
            command.add(name + "=" + value);
        });
        Path console = runDirectory.resolve("console.log");
        ProcessBuilder builder = processBuilder(command)
                .redirectErrorStream(true)
                // appended, so the output of a run before a restart is still there to read
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        Process started = process;
        shutdownHook = new Thread(() -> NodeProcess.terminate(started, Duration.ofSeconds(10)), "elasticsearch-" + port + "-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The same environment for the server and its CLI tools, run as the node user when the build is root. */
    private ProcessBuilder processBuilder(List<String> command) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("ES_JAVA_HOME", System.getProperty("java.home"));
        environment.put("ES_PATH_CONF", runDirectory.resolve("config").toString());
        environment.put("ES_TMPDIR", runDirectory.resolve("tmp").toString());
        environment.put("ES_JAVA_OPTS", "-Xms" + heapMegabytes + "m -Xmx" + heapMegabytes + "m");
        environment.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + runDirectory.resolve("tmp"));
        ProcessBuilder builder = user != null
                ? user.processBuilder(environment, command)
                : UnprivilegedUser.currentUserProcessBuilder(environment, command);
        return builder.directory(runDirectory.toFile());
    }

    private void awaitHealthy() {
        Process running = process;
        // Built here because the condition runs on Awaitility's thread, which must not wait for this object's lock.
        try (RestClient health = restClient(Duration.ofSeconds(5))) {
            await("Elasticsearch on " + httpUrl() + " to report status yellow")
                    .atMost(START_TIMEOUT)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!running.isAlive()) {
                            throw new NodeExited(running.exitValue());
                        }
                        return isHealthy(health);
                    });
        } catch (NodeExited | ConditionTimeoutException e) {
            String what = e instanceof NodeExited
                    ? "exited with code " + ((NodeExited) e).exitCode + " before it was healthy"
                    : "was not healthy within " + START_TIMEOUT.toSeconds() + " s";
            keepRunDirectory = true;
            stop();
            throw new IllegalStateException("Elasticsearch " + distribution.version() + " on " + httpUrl() + " "
                    + what + ". Check the output below and the logs in " + runDirectory
                    + " (common causes: the JDK at " + System.getProperty("java.home") + " or the distribution is"
                    + " not readable by the node user, the port was taken, not enough memory for the heap)."
                    + NodeProcess.tail(runDirectory.resolve("console.log"))
                    + NodeProcess.tail(runDirectory.resolve("logs").resolve("elasticsearch.log")), e);
        } catch (IOException e) {
            LOG.debug("closing the health check client failed", e);
        }
    }

    private static boolean isHealthy(RestClient health) {
        Request request = new Request("GET", "/_cluster/health");
        request.addParameter("wait_for_status", "yellow");
        request.addParameter("timeout", "1s");
        try {
            // 408 means "not yellow within the 1 s timeout"; anything but 200 is "not yet"
            return health.performRequest(request).getStatusLine().getStatusCode() == 200;
        } catch (IOException notListeningYetOrNotYellow) {
            return false;
        }
    }

    private String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void closeClient() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                LOG.warn("could not close the Elasticsearch client", e);
            }
            client = null;
        }
    }

    private static final class NodeExited extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        NodeExited(int exitCode) {
            super("the Elasticsearch process exited with code " + exitCode, null, false, false);
            this.exitCode = exitCode;
        }
    }
}
