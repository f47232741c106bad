package io.cqrsconnect.testing.elasticsearch;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate authority and a certificate for a node's HTTP layer, made at test time by the
 * distribution's own {@code bin/elasticsearch-certutil} (run as the node user, like every tool of the node), and the
 * CA in the two forms clients are configured with: a PEM file and a password-protected PKCS12 trust store.
 *
 * <p>The node's files land in {@code config/certs/} of the run directory ({@code ca/ca.crt}, {@code ca/ca.key},
 * {@code node/node.crt}, {@code node/node.key}); the client's in {@code client-trust/}.
 */
final class NodeCertificates {

    /** Paths relative to the node's config directory, as the {@code xpack.security.http.ssl.*} settings take them. */
    static final String NODE_CERTIFICATE = "certs/node/node.crt";
    static final String NODE_KEY = "certs/node/node.key";
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|.*:.*");
    private static final int VALID_DAYS = 30;
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> TRAVERSABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path certutil;
    private final Function<List<String>, ProcessBuilder> tool;
    private final Path tmp;
    private final Path certs;
    private final Path caPem;
    private final Path trustStore;
    private final String trustStorePassword;
    private volatile List<String> names;
    private int issued;

    private NodeCertificates(Path runDirectory, Path certutil, Function<List<String>, ProcessBuilder> tool)
            throws IOException {
        this.certutil = certutil;
        this.tool = tool;
        this.tmp = runDirectory.resolve("tmp");
        this.certs = runDirectory.resolve("config").resolve("certs");
        Path caZip = tmp.resolve("ca.zip");
        run(List.of(certutil.toString(), "ca", "--pem", "--days", Integer.toString(VALID_DAYS),
                "--out", caZip.toString(), "--silent"));
        unzip(caZip, certs);
        Path clientTrust = Files.createDirectories(runDirectory.resolve("client-trust"));
        this.caPem = Files.copy(certs.resolve("ca/ca.crt"), clientTrust.resolve("ca.pem"),
                StandardCopyOption.REPLACE_EXISTING);
        // random, so a test can check the password never shows up in a log or a message
        this.trustStorePassword = "trust-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        this.trustStore = clientTrust.resolve("truststore.p12");
        writeTrustStore(caPem, trustStore, trustStorePassword);
    }

    /**
     * Makes the CA and the node certificate for {@code names} (host names and IP addresses, the certificate's
     * subject alternative names).
     *
     * @param tool builds a process for a distribution tool with the node's environment and user
     */
    static NodeCertificates create(Path runDirectory, Path certutil, List<String> names,
            Function<List<String>, ProcessBuilder> tool) {
        try {
            NodeCertificates certificates = new NodeCertificates(runDirectory, certutil, tool);
            certificates.issueNodeCertificate(names);
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the TLS certificates in " + runDirectory, e);
        }
    }

    /**
     * Signs a new node certificate for {@code names} with the same CA and puts it where the node reads it (a
     * running node reloads it by itself); returns it.
     */
    synchronized X509Certificate issueNodeCertificate(List<String> names) throws IOException {
        List<String> command = new ArrayList<>(List.of(certutil.toString(), "cert", "--pem",
                "--ca-cert", certs.resolve("ca/ca.crt").toString(), "--ca-key", certs.resolve("ca/ca.key").toString(),
                "--name", "node", "--days", Integer.toString(VALID_DAYS)));
        for (String name : names) {
            command.add(IP_ADDRESS.matcher(name).matches() ? "--ip" : "--dns");
            command.add(name);
        }
        // certutil does not overwrite its output
        Path nodeZip = tmp.resolve("node-" + ++issued + ".zip");
        command.addAll(List.of("--out", nodeZip.toString(), "--silent"));
        run(command);
        unzip(nodeZip, certs);
        this.names = List.copyOf(names);
        try (InputStream in = Files.newInputStream(certs.resolve("node/node.crt"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("certutil wrote an unreadable certificate in " + certs, e);
        }
    }

    /**
     * Issues a node certificate for {@code names} while the node runs, and returns once the node on
     * {@code host:port} serves it.
     */
    void reissueWhileServing(List<String> names, String host, int port, Duration timeout) {
        X509Certificate issued;
        try {
            issued = issueNodeCertificate(names);
        } catch (IOException e) {
            throw new UncheckedIOException("could not reissue the node certificate", e);
        }
        await("the node on " + host + ":" + port + " to serve its reissued certificate")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                // a new context each time: a resumed TLS session would show the old certificate again
                .until(() -> issued.equals(servedCertificate(sslContext(), host, port)));
    }

    private static X509Certificate servedCertificate(SSLContext ssl, String host, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(host, port)) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    List<String> names() {
        return names;
    }

    Path caPem() {
        return caPem;
    }

    Path trustStore() {
        return trustStore;
    }

    String trustStorePassword() {
        return trustStorePassword;
    }

    /** A client-side SSL context trusting the CA (and nothing else). */
    SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, trustStorePassword.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + trustStore, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not build an SSL context from " + trustStore, e);
        }
    }

    private void run(List<String> command) {
        UnprivilegedUser.Result result = UnprivilegedUser.run(tool.apply(command));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                    + result.exitCode() + ":\n" + result.output());
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Path root = Files.createDirectories(target.toAbsolutePath().normalize());
        Files.setPosixFilePermissions(root, TRAVERSABLE);
        for (Path file : ElasticsearchDistribution.unzip(zip, root, root)) {
            // certutil, run as the node user, reads the CA next, whatever the build's umask
            Files.setPosixFilePermissions(file, READABLE);
            Files.setPosixFilePermissions(file.getParent(), TRAVERSABLE);
        }
    }

    private static void writeTrustStore(Path caPem, Path trustStore, String password) throws IOException {
        try (InputStream in = Files.newInputStream(caPem); OutputStream out = Files.newOutputStream(trustStore)) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("cqrs-test-ca", ca);
            store.store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not write the trust store " + trustStore, e);
        }
    }
}
