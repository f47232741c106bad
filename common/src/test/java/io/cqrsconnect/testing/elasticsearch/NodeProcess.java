package io.cqrsconnect.testing.elasticsearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends a node's process tree, and reads what it left in its logs for a failure message. */
final class NodeProcess {

    private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);
    private static final int TAIL_LINES = 40;

    private NodeProcess() {
    }

    /**
     * SIGTERM lets Elasticsearch flush and release its data directory's lock. The process is the CLI launcher,
     * which runs the server as a child; the children are taken before the parent goes, so none outlives it.
     */
    static void terminate(Process process, Duration grace) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Elasticsearch did not stop within {}; killing it", grace);
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (ProcessHandle child : children) {
                if (child.isAlive()) {
                    child.destroyForcibly();
                    child.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("an Elasticsearch child process did not exit", e);
        }
    }

    static String tail(Path file) {
        if (!Files.isRegularFile(file)) {
            return "\n--- " + file + ": absent";
        }
        try (Stream<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines()) {
            List<String> all = lines.toList();
            List<String> last = all.subList(Math.max(0, all.size() - TAIL_LINES), all.size());
            return "\n--- last " + last.size() + " lines of " + file + ":\n" + String.join("\n", last);
        } catch (IOException e) {
            return "\n--- " + file + ": unreadable (" + e.getMessage() + ")";
        }
    }
}
