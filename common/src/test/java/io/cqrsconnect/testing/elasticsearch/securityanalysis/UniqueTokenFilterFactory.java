package io.cqrsconnect.testing.elasticsearch.securityanalysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code unique} with its default {@code only_on_same_position: false}: each term once per field value. */
@NamedComponent("unique")
public class UniqueTokenFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream input) {
        return new UniqueTermsFilter(input);
    }
}
