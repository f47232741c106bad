package io.cqrsconnect.testing.elasticsearch.securityanalysis;

import java.util.List;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;

/** The settings of a {@code pattern_capture} filter, as Elasticsearch documents them. */
@AnalysisSettings
public interface PatternCaptureSettings {

    @ListSetting(path = "patterns")
    List<String> patterns();

    @BooleanSetting(path = "preserve_original", defaultValue = true)
    boolean preserveOriginal();
}
