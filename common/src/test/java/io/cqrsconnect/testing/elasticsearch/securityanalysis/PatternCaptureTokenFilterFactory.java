package io.cqrsconnect.testing.elasticsearch.securityanalysis;

import java.util.regex.Pattern;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code pattern_capture}: one token per capture group of each pattern (Lucene's filter). */
@NamedComponent("pattern_capture")
public class PatternCaptureTokenFilterFactory implements TokenFilterFactory {

    private final Pattern[] patterns;
    private final boolean preserveOriginal;

    @Inject
    public PatternCaptureTokenFilterFactory(PatternCaptureSettings settings) {
        this.patterns = settings.patterns().stream().map(Pattern::compile).toArray(Pattern[]::new);
        this.preserveOriginal = settings.preserveOriginal();
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new PatternCaptureGroupTokenFilter(input, preserveOriginal, patterns);
    }
}
