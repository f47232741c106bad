package io.cqrsconnect.common.metrics;

import java.util.List;

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
            + "worker's own sink task metrics (`sink-record-read-rate`, `offset-commit-completion-rate`, ...).";

    private MetricsDocs() {
    }

    /** A page: a title, an introduction, and one table row per metric in the order they were registered. */
    public static String markdown(String title, String introduction, TaskMetrics metrics) {
        return markdown(title, introduction, metrics.registered());
    }

    /**
     * A page listing the given metrics in order, with the descriptions their names carry: for metrics read back from
     * where a running task registered them (a worker's plugin metrics), so the page shows what a started task has.
     */
    public static String markdown(String title, String introduction, List<MetricName> metrics) {
        StringBuilder page = new StringBuilder("# ").append(title).append("\n\n");
        if (introduction != null && !introduction.isBlank()) {
            page.append(introduction.strip()).append("\n\n");
        }
        page.append("<!-- Generated from the metrics the task registers; do not edit by hand. -->\n\n");
        page.append("| metric | what it measures |\n|---|---|\n");
        for (MetricName metric : metrics) {
            page.append("| `").append(metric.name()).append("` | ")
                    .append(metric.description().replace("|", "\\|")).append(" |\n");
        }
        return page.toString();
    }
}
