package io.cqrsconnect.testing.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM: {@code java <jvm options> -cp DIR/* MainClass args}, with stdout and stderr appended to one log file.
 *
 * <p>The local stack runs Kafka and Connect as real processes (not inside the test JVM), so something has to own
 * them: this class starts one, tells whether it is still alive, shows the end of its log when something goes wrong,
 * and stops it (SIGTERM, then SIGKILL after a grace period). A shutdown hook stops it too, so a test run that forgets
 * to close, fails in a {@code @BeforeAll} or is interrupted with Ctrl-C does not leave a broker running on the machine.
 * (Only a SIGKILL of the test JVM itself can still orphan it: no hook runs then.)
 */
public final class JavaProcess implements AutoCloseable {

    /** How long {@link #stop()} lets the process shut down cleanly after SIGTERM before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * The shutdown hook's grace is shorter: the forked test JVM is itself waited for by Maven (failsafe gives it
     * 30 s to exit), and hooks run concurrently, so all processes get their SIGTERM at once and this bounds the wait.
     */
    private static final Duration HOOK_GRACE = Duration.ofSeconds(10);

    private static final int TAIL_BYTES = 256 * 1024;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private JavaProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(() -> terminate(HOOK_GRACE), "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code mainClass} in a new JVM whose class path is every jar in {@code classpathDir}. The working
     * directory is the log file's directory, so stray files (JVM crash reports, relative paths) land next to the log.
     *
     * @param jvmOptions options before the main class; callers always pass an explicit {@code -Xmx}, since the
     *                   default heap is a quarter of the machine's memory, per process
     */
    public static JavaProcess start(String name, Path classpathDir, List<String> jvmOptions, String mainClass,
                                    List<String> args, Path logFile) {
        return start(name, classpathDir, jvmOptions, mainClass, args, logFile, Map.of());
    }

    /**
     * As above, with variables added to the environment the child inherits (a worker reading a secret through
     * Kafka's {@code EnvVarConfigProvider}, for example).
     */
    public static JavaProcess start(String name, Path classpathDir, List<String> jvmOptions, String mainClass,
                                    List<String> args, Path logFile, Map<String, String> environment) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command(classpathDir, jvmOptions, mainClass, args))
                    .directory(logFile.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // A CLASSPATH from the environment must not leak into the child: it would see jars it does not ship.
            builder.environment().remove("CLASSPATH");
            builder.environment().putAll(environment);
            return new JavaProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + mainClass + ")", e);
        }
    }

    /**
     * Runs a command-line tool to completion (e.g. Kafka's storage formatting) and returns what it printed.
     *
     * @throws IllegalStateException if it does not exit with 0 within {@code timeout}, with the end of its output
     */
    public static String run(String name, Path classpathDir, List<String> jvmOptions, String mainClass,
                             List<String> args, Path logFile, Duration timeout) {
        try (JavaProcess tool = start(name, classpathDir, jvmOptions, mainClass, args, logFile)) {
            boolean exited;
            try {
                exited = tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (!exited) {
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s.\n"
                        + tool.describeLog(40));
            }
            if (tool.process.exitValue() != 0) {
                throw new IllegalStateException(name + " failed with exit code " + tool.process.exitValue() + ".\n"
                        + tool.describeLog(40));
            }
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + name + " in " + logFile, e);
        }
    }

    private static List<String> command(Path classpathDir, List<String> jvmOptions, String mainClass,
                                        List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        // No shell is involved: the java launcher itself expands DIR/* to the jars in DIR, as kafka-run-class.sh does.
        command.add(classpathDir.toAbsolutePath() + "/*");
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or empty while the process runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of the process's log (stdout and stderr), for error messages. */
    public String tail(int lines) {
        if (!Files.exists(logFile)) {
            return "";
        }
        // Only the end of the file is read: a worker's log can grow large during a long test.
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            return String.join(System.lineSeparator(),
                    Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** A paragraph for an exception message: where the log is and how it ends. */
    public String describeLog(int lines) {
        return "Last " + lines + " lines of " + logFile + ":\n" + tail(lines);
    }

    /** SIGTERM, then SIGKILL if it has not exited after {@link #STOP_GRACE}. Idempotent. */
    public void stop() {
        terminate(STOP_GRACE);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // stop() called from another shutdown hook: ours runs anyway and finds the process gone.
        }
    }

    /**
     * SIGKILL, at once: the process gets no chance to commit, flush or leave its group, as in a crash or an OOM
     * kill. Returns once the process is gone.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // as in stop()
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void terminate(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        // destroy() is SIGTERM on Unix: Kafka and Connect shut down cleanly on it (their own shutdown hooks).
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + (process.isAlive() ? ", alive" : ", exited") + ")";
    }
}
