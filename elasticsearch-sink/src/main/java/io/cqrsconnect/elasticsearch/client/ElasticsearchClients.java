package io.cqrsconnect.elasticsearch.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.cqrsconnect.elasticsearch.config.ElasticsearchSinkConnectorConfig;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;

/**
 * Builds the official client from a configuration: the endpoints, timeouts, credentials (basic or API key, sent as
 * a default {@code Authorization} header so no credential ever reaches a log line) and TLS trust.
 */
public final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    /** The low-level REST client; the caller closes it. */
    public static RestClient restClient(ElasticsearchSinkConnectorConfig config) {
        List<HttpHost> hosts = new ArrayList<>();
        for (String url : config.urls()) {
            hosts.add(HttpHost.create(url.trim()));
        }
        RestClientBuilder builder = RestClient.builder(hosts.toArray(HttpHost[]::new));
        builder.setRequestConfigCallback(request -> request
                .setConnectTimeout((int) config.connectionTimeout().toMillis())
                .setSocketTimeout((int) config.readTimeout().toMillis()));
        Header authorization = authorization(config);
        if (authorization != null) {
            builder.setDefaultHeaders(new Header[] {authorization});
        }
        boolean anyHttps = hosts.stream().anyMatch(host -> "https".equalsIgnoreCase(host.getSchemeName()));
        if (anyHttps) {
            SSLContext ssl = TlsTrust.sslContext(config);
            boolean verifyHostnames = config.hostnameVerification();
            builder.setHttpClientConfigCallback(http -> {
                if (ssl != null) {
                    http.setSSLContext(ssl);
                }
                if (!verifyHostnames) {
                    http.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                }
                return http;
            });
        }
        return builder.build();
    }

    /** The typed client on top of a REST client; closing it closes the REST client. */
    public static ElasticsearchClient client(RestClient restClient) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
    }

    private static Header authorization(ElasticsearchSinkConnectorConfig config) {
        if (config.apiKey() != null) {
            return new BasicHeader("Authorization", "ApiKey " + config.apiKey().value());
        }
        if (!config.username().isEmpty()) {
            String credentials = config.username() + ":" + config.password().value();
            return new BasicHeader("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return null;
    }
}
