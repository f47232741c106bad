package io.cqrsconnect.testing.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.security.CreateApiKeyResponse;
import io.cqrsconnect.testing.elasticsearch.ElasticsearchNodeIT.Book;

class ElasticsearchNodeBasicAuthIT {

    @RegisterExtension
    static final ElasticsearchNode ES = ElasticsearchNode.withBasicAuth("elastic-user", "secret");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void clientWithCredentialsIndexesAndSearches() throws Exception {
        assertThat(ES.username()).isEqualTo("elastic-user");
        assertThat(ES.password()).isEqualTo("secret");
        ElasticsearchClient client = ES.client();
        ElasticsearchNodeIT.indexBooks(client, "secured-books");

        SearchResponse<Book> kafka = client.search(s -> s.index("secured-books")
                .query(q -> q.match(m -> m.field("title").query("kafka"))), Book.class);
        assertThat(kafka.hits().hits()).extracting(Hit::source)
                .containsExactlyInAnyOrder(ElasticsearchNodeIT.BOOKS.get(0), ElasticsearchNodeIT.BOOKS.get(2));
    }

    @Test
    void rejectsRequestsWithoutOrWithWrongCredentials() throws Exception {
        assertThat(healthStatus(null)).isEqualTo(401);
        assertThat(healthStatus("elastic-user:wrong-password")).isEqualTo(401);
        assertThat(healthStatus("elastic-user:secret")).isEqualTo(200);
    }

    /** The .security index needs analysis components the distribution lacks; the fixture supplies them. */
    @Test
    void createsAuthenticatesAndInvalidatesApiKeys() throws Exception {
        CreateApiKeyResponse key = ES.client().security().createApiKey(k -> k.name("fixture-key"));

        assertThat(status("ApiKey " + key.encoded())).isEqualTo(200);
        HttpResponse<String> whoAmI = http.send(HttpRequest.newBuilder(
                URI.create(ES.httpUrl() + "/_security/_authenticate"))
                .header("Authorization", "ApiKey " + key.encoded()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(whoAmI.body()).contains("\"authentication_type\":\"api_key\"").contains(key.id());

        ES.client().security().invalidateApiKey(i -> i.ids(key.id()));
        assertThat(status("ApiKey " + key.encoded())).isEqualTo(401);
    }

    private int healthStatus(String credentials) throws Exception {
        return status(credentials == null ? null : "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private int status(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ES.httpUrl() + "/_cluster/health"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
