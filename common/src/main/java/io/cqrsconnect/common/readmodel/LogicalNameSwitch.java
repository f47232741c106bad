package io.cqrsconnect.common.readmodel;

import java.util.List;
import java.util.Optional;

/**
 * Points a read model's logical name at one of its generations, in one atomic step, for one kind of store: an alias
 * swap on Elasticsearch ({@code _aliases} with remove and add in one call), a view replaced in one transaction on a
 * relational database. Sinks use it to publish a model's first generation; the rebuild uses it to switch to a newer
 * one and to retire old ones.
 *
 * <p>Implementations must never leave the logical name missing or pointing at two generations, even when the call
 * fails halfway: readers keep seeing the old generation until the new one is complete.
 */
public interface LogicalNameSwitch {

    /** The generation the logical name points at now, or empty when it does not exist yet. */
    Optional<ReadModelGeneration> current(String logicalName) throws Exception;

    /** The generations whose physical table or index exists, oldest first. */
    List<ReadModelGeneration> generations(String logicalName) throws Exception;

    /** Makes the logical name point at {@code target} (creating the name when it does not exist), atomically. */
    void pointTo(ReadModelGeneration target) throws Exception;

    /** Drops a generation's table or index; refuses the one the logical name points at. */
    void retire(ReadModelGeneration generation) throws Exception;
}
