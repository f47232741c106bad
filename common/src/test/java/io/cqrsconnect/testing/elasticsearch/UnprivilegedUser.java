package io.cqrsconnect.testing.elasticsearch;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.sun.security.auth.module.UnixSystem;

/**
 * Who a server process runs as. Elasticsearch refuses to start as root, and builds here (and in CI) run as root, so
 * as root the process is started through {@code setpriv} as a system user created on first use; as any other user
 * the process simply runs as that user.
 */
final class UnprivilegedUser {

    static final String NAME = "cqrs-es";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final String uid;
    private final String gid;

    private UnprivilegedUser(String uid, String gid) {
        this.uid = uid;
        this.gid = gid;
    }

    static boolean runningAsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /** The node user, created if missing. Only meaningful when running as root. */
    static synchronized UnprivilegedUser ensureExists() {
        // Another JVM of the same build may create the user at the same moment, and useradd fails while the other
        // holds /etc/passwd's lock; so retry until the user is there, whoever created it.
        await("system user " + NAME + " to exist")
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> exists() || create() && exists());
        return new UnprivilegedUser(run(List.of("id", "-u", NAME)).output().strip(),
                run(List.of("id", "-g", NAME)).output().strip());
    }

    private static boolean exists() {
        return run(List.of("id", "-u", NAME)).exitCode() == 0;
    }

    private static boolean create() {
        return run(List.of("useradd", "--system", "--no-create-home", "--user-group",
                "--shell", "/usr/sbin/nologin", NAME)).exitCode() == 0;
    }

    /** Hands a directory tree the node writes to (config, data, logs, tmp) over to the node user. */
    void own(Path root) {
        try {
            UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(NAME);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(NAME);
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS);
                    view.setOwner(owner);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not hand " + root + " over to user " + NAME, e);
        }
    }

    /**
     * Fails early, with a useful message, when the node user could not reach a directory the process needs (the
     * JDK, the unpacked distribution), instead of letting the node die with an access error deep in its log.
     */
    static void requireTraversableByOthers(Path directory, String what) {
        for (Path each = directory.toAbsolutePath(); each != null; each = each.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(each).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException(what + " " + directory + " is not reachable by user " + NAME
                            + ": " + each + " lacks the others-execute permission (chmod o+x " + each + ")");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the permissions of " + each, e);
            }
        }
    }

    /** A process builder that runs {@code command} as this user with exactly {@code environment}. */
    ProcessBuilder processBuilder(Map<String, String> environment, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                "--init-groups", "--reset-env", "env"));
        environment.forEach((name, value) -> wrapped.add(name + "=" + value));
        wrapped.addAll(command);
        return new ProcessBuilder(wrapped);
    }

    /** A process builder for the current (non-root) user, with {@code environment} on top of a cleaned one. */
    static ProcessBuilder currentUserProcessBuilder(Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        // Options inherited from the build's JVMs would override the node's heap and other settings.
        builder.environment().keySet().removeIf(name -> name.startsWith("ES_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("_JAVA_OPTIONS") || name.equals("JDK_JAVA_OPTIONS") || name.equals("CLI_JAVA_OPTS"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs a short command to completion; the output is read before waiting, so it cannot fill the pipe. */
    static Result run(List<String> command) {
        return run(new ProcessBuilder(command));
    }

    static Result run(ProcessBuilder builder) {
        try {
            Process process = builder.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + COMMAND_TIMEOUT + ": " + builder.command());
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + builder.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + builder.command(), e);
        }
    }

    record Result(int exitCode, String output) {
    }
}
