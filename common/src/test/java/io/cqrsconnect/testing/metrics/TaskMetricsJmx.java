package io.cqrsconnect.testing.metrics;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads a task's plugin metrics as a monitoring tool would: from the JMX beans the embedded worker (same JVM)
 * registers for them, tagged with the connector's name (and, for a metric kept per part of the work, its tags).
 */
public final class TaskMetricsJmx {

    private TaskMetricsJmx() {
    }

    /** The value of a metric (e.g. {@code version-conflicts-total}) of a connector's tasks, summed; -1 if absent. */
    public static double value(String connector, String metric) {
        return value(connector, metric, Map.of());
    }

    /**
     * The value of a metric of a connector's tasks whose beans carry {@code tags} (e.g. {@code table=public.orders}),
     * summed; -1 if absent.
     */
    public static double value(String connector, String metric, Map<String, String> tags) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        double total = -1;
        try {
            Set<ObjectName> names = server.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null);
            for (ObjectName name : names) {
                if (!connector.equals(name.getKeyProperty("connector")) || !tags.entrySet().stream()
                        .allMatch(tag -> tag.getValue().equals(name.getKeyProperty(tag.getKey())))) {
                    continue;
                }
                for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                    if (attribute.getName().equals(metric)) {
                        Object value = server.getAttribute(name, metric);
                        total = Math.max(total, 0) + ((Number) value).doubleValue();
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read JMX metric " + metric + " of " + connector, e);
        }
        return total;
    }
}
