package io.cqrsconnect.elasticsearch;

import java.lang.management.ManagementFactory;
import java.util.Set;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads a sink task's plugin metrics as a monitoring tool would: from the JMX beans the embedded worker (same JVM)
 * registers for them, tagged with the connector's name.
 */
final class TaskMetricsJmx {

    private TaskMetricsJmx() {
    }

    /** The value of a metric (e.g. {@code version-conflicts-total}) of a connector's tasks, summed; -1 if absent. */
    static double value(String connector, String metric) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        double total = -1;
        try {
            Set<ObjectName> names = server.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null);
            for (ObjectName name : names) {
                if (!connector.equals(name.getKeyProperty("connector"))) {
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
