package io.cqrsconnect.testing.values;

import org.apache.kafka.connect.data.Schema;

/**
 * One value at an edge of its type's range, for the generated tests that drive every type through the sinks.
 *
 * @param group the cases sharing one schema: a test writes each group to its own topic (and table or index), one
 *              record per case, so a case one store refuses costs only its own record
 * @param name what the case is, e.g. {@code float64 NaN}, for messages
 * @param schema the value's schema (optional, so a store may also hold NULL)
 * @param value the Connect value
 */
public record EdgeCase(String group, String name, Schema schema, Object value) {

    @Override
    public String toString() {
        return group + ": " + name;
    }
}
