package io.cqrsconnect.testing.elasticsearch.securityanalysis;

import java.io.IOException;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Drops every token whose term already passed in the same stream. */
public final class UniqueTermsFilter extends FilteringTokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final CharArraySet seen = new CharArraySet(8, false);

    public UniqueTermsFilter(TokenStream input) {
        super(input);
    }

    @Override
    protected boolean accept() {
        if (seen.contains(term.buffer(), 0, term.length())) {
            return false;
        }
        seen.add(term.toString());
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        seen.clear();
    }
}
