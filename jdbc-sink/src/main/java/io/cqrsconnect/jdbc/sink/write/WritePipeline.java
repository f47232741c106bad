package io.cqrsconnect.jdbc.sink.write;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's one database writer thread, with at most one write in flight. While the database executes a batch, the
 * worker's task thread converts and maps the next records instead of waiting: the two costs overlap rather than add
 * up, which is what a sink spends most of its time on (the worker's JSON conversion on one core, the database on
 * the other). Writes run strictly one after another, so their order is the order they were submitted in.
 *
 * <p>Every JDBC call of the task runs on this thread, so the connection and the table cache stay confined to it.
 * Only the task thread calls this class. A write's failure is kept: every later call rethrows it, so the task fails
 * at its next {@code put} or {@code preCommit} and no offset after the failed write is ever committed.
 */
public final class WritePipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WritePipeline.class);

    private final ExecutorService thread;
    private Future<List<RefusedRow>> inFlight;
    private RuntimeException failure;

    public WritePipeline(String name) {
        thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread writer = new Thread(runnable, name);
            writer.setDaemon(true);
            return writer;
        });
    }

    /** True when no write is running: a new one would start at once. */
    public boolean idle() {
        return inFlight == null || inFlight.isDone();
    }

    /**
     * Waits until no write is running or the deadline passes, without taking the write's outcome (that is
     * {@link #await}'s).
     *
     * @param deadline a {@link System#nanoTime()} reading
     * @return true when no write is running
     */
    public boolean awaitIdle(long deadline) {
        Future<List<RefusedRow>> write = inFlight;
        if (write == null || write.isDone()) {
            return true;
        }
        try {
            write.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // ended: await() reports how
        } catch (TimeoutException e) {
            LOG.info("The database write in flight has not ended yet; committing the offsets of the writes that "
                    + "have");
        }
        return write.isDone();
    }

    /**
     * Waits for the write in flight (if any) to end.
     *
     * @return the rows that write rejected on their own, for the task thread to report
     * @throws ConnectException when that write (or any earlier one) failed
     */
    public List<RefusedRow> await() {
        if (failure != null) {
            throw failure;
        }
        if (inFlight == null) {
            return List.of();
        }
        Future<List<RefusedRow>> write = inFlight;
        inFlight = null;
        try {
            return write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new ConnectException("Interrupted while waiting for the database write in flight", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            failure = cause instanceof ConnectException connect ? connect
                    : new ConnectException("The database writer failed: " + cause, cause);
        }
        throw failure;
    }

    /**
     * Starts {@code write} once the write in flight has ended.
     *
     * @return the rows the previous write rejected
     */
    public List<RefusedRow> submit(Callable<List<RefusedRow>> write) {
        List<RefusedRow> previous = await();
        inFlight = thread.submit(write);
        return previous;
    }

    /**
     * Runs {@code call} on the writer thread after the write in flight, and waits for its result (for the few JDBC
     * calls the task thread needs answered, such as reading stored offsets).
     */
    public <T> T call(Callable<T> call) throws Exception {
        if (!await().isEmpty()) {
            throw new IllegalStateException("rejected rows must be reported before calling the writer");
        }
        try {
            return thread.submit(call).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Stops the writer thread, interrupting a write that is still waiting to retry. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The database writer thread did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
