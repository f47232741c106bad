package io.cqrsconnect.elasticsearch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts a non-empty list of absolute http or https URLs with a host. */
final class HttpUrlsValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        if (!(value instanceof List<?> urls) || urls.isEmpty()) {
            throw new ConfigException(name, value, "at least one URL is needed, e.g. http://localhost:9200");
        }
        for (Object url : urls) {
            String text = String.valueOf(url).trim();
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme();
                if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                        || uri.getHost() == null) {
                    throw new ConfigException(name, text, "must be an http:// or https:// URL with a host, e.g. "
                            + "https://es1:9200");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(name, text, "is not a URL: " + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "http(s) URLs, e.g. https://es1:9200,https://es2:9200";
    }
}
