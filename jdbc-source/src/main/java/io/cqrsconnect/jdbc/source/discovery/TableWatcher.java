package io.cqrsconnect.jdbc.source.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cqrsconnect.jdbc.common.TableId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the tables again every {@code table.poll.interval.ms} on a thread of its own and tells the connector when
 * the list changed, so it asks Connect to hand the tables to the tasks again. A listing that fails is logged and
 * tried at the next interval: the tasks go on capturing the tables they have.
 */
public final class TableWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableWatcher.class);

    /** Lists the tables; may fail. */
    @FunctionalInterface
    public interface Listing {
        List<TableId> list() throws Exception;
    }

    private final ScheduledExecutorService executor;
    private volatile List<TableId> tables;

    public TableWatcher(List<TableId> initial, Listing listing, Duration interval, Runnable onChange) {
        this.tables = List.copyOf(initial);
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jdbc-source-table-watcher");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                List<TableId> listed = List.copyOf(listing.list());
                if (!Objects.equals(listed, tables)) {
                    LOG.info("The captured tables changed from {} to {}: reassigning them to the tasks", tables,
                            listed);
                    tables = listed;
                    onChange.run();
                }
            } catch (Exception e) {
                LOG.warn("Listing the tables failed; trying again in {} ms", interval.toMillis(), e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The tables as last listed. */
    public List<TableId> tables() {
        return tables;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
