package io.cqrsconnect.common.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.MetricName;

/**
 * The reference of a task's metrics as Markdown, generated from the metrics a task registers, so the page operators
 * read lists exactly what their monitoring shows.
 */
public final class MetricsDocs {

    /** Where a worker publishes a task's plugin metrics, for the pages' introductions. */
    public static final String WHERE = "Each task registers these through the worker's plugin metrics (KIP-877): "
            + "they appear in JMX under `kafka.connect:type=plugins`, tagged with the "
            + "connector and the task, and in every metrics reporter the worker is configured with, next to the "
            + "worker's own task metrics (`sink-record-read-rate` or `source-record-poll-rate`, "
            + "`offset-commit-completion-rate`, ...).";

    /** Tags the worker puts on every plugin metric (KIP-877), so not worth a word on the page. */
    private static final Set<String> WORKER_TAGS = Set.of("connector", "task", "config", "class");

    private MetricsDocs() {
    }

    /** A page: a title, an introduction, and one table row per metric in the order they were registered. */
    public static String markdown(String title, String introduction, TaskMetrics metrics) {
        return markdown(title, introduction, metrics.registered());
    }

    /**
     * A page listing the given metrics in order, with the descriptions their names carry: for metrics read back from
     * where a running task registered them (a worker's plugin metrics), so the page shows what a started task has. A
     * metric kept once per part of the work (tagged, e.g. per table) is listed once, with the tags that tell its
     * copies apart; the worker's own tags (connector, task) are on every metric and not listed.
     */
    public static String markdown(String title, String introduction, List<MetricName> metrics) {
        StringBuilder page = new StringBuilder("# ").append(title).append("\n\n");
        if (introduction != null && !introduction.isBlank()) {
            page.append(introduction.strip()).append("\n\n");
        }
        page.append("<!-- Generated from the metrics the task registers; do not edit by hand. -->\n\n");
        page.append("| metric | what it measures |\n|---|---|\n");
        Set<String> listed = new HashSet<>();
        for (MetricName metric : metrics) {
            if (!listed.add(metric.name())) {
                continue;
            }
            List<String> parts = metric.tags().keySet().stream().filter(tag -> !WORKER_TAGS.contains(tag))
                    .sorted().map(tag -> "`" + tag + "`").toList();
            page.append("| `").append(metric.name()).append("` | ")
                    .append(metric.description().replace("|", "\\|"))
                    .append(parts.isEmpty() ? "" : " (one per " + String.join(", ", parts) + ")").append(" |\n");
        }
        return page.toString();
    }
}
