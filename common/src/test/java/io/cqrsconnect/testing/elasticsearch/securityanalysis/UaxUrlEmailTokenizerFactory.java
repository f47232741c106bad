package io.cqrsconnect.testing.elasticsearch.securityanalysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/** {@code uax_url_email}: the standard tokenizer that keeps URLs and e-mail addresses whole (Lucene's). */
@NamedComponent("uax_url_email")
public class UaxUrlEmailTokenizerFactory implements TokenizerFactory {

    @Override
    public UAX29URLEmailTokenizer create() {
        return new UAX29URLEmailTokenizer();
    }
}
