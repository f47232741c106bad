package io.cqrsconnect.testing.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

class ElasticsearchNodeIT {

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    record Book(String isbn, String title, int year) {
    }

    static final List<Book> BOOKS = List.of(
            new Book("978-1491936160", "Kafka: The Definitive Guide", 2017),
            new Book("978-1449373320", "Designing Data-Intensive Applications", 2017),
            new Book("978-1617294471", "Kafka Streams in Action", 2018));

    @Test
    void indexesAndSearchesDocumentsThroughTheClient() throws IOException {
        assertThat(ES.httpUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(ES.username()).isNull();
        assertThat(ES.password()).isNull();
        ElasticsearchClient client = ES.client();
        indexBooks(client, "books");

        SearchResponse<Book> kafka = client.search(s -> s.index("books")
                .query(q -> q.match(m -> m.field("title").query("kafka"))), Book.class);
        assertThat(kafka.hits().total().value()).isEqualTo(2);
        assertThat(kafka.hits().hits()).extracting(Hit::id)
                .containsExactlyInAnyOrder("978-1491936160", "978-1617294471");
        assertThat(kafka.hits().hits()).extracting(Hit::source)
                .containsExactlyInAnyOrder(BOOKS.get(0), BOOKS.get(2));

        SearchResponse<Book> from2018 = client.search(s -> s.index("books")
                .query(q -> q.range(r -> r.number(n -> n.field("year").gte(2018.0)))), Book.class);
        assertThat(from2018.hits().hits()).extracting(Hit::source).containsExactly(BOOKS.get(2));
    }

    @Test
    void keepsPortAndDocumentsAcrossStopAndRestart() throws Exception {
        indexBooks(ES.client(), "books-restart");
        String urlBefore = ES.httpUrl();

        ES.stop();
        assertThat(ES.isRunning()).isFalse();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(urlBefore + "/_cluster/health")).build();
        assertThatThrownBy(() -> http.send(health, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);

        ES.restart();
        assertThat(ES.isRunning()).isTrue();
        assertThat(ES.httpUrl()).isEqualTo(urlBefore);
        ElasticsearchClient client = ES.client();
        assertThat(client.count(c -> c.index("books-restart")).count()).isEqualTo(3);
        assertThat(client.get(g -> g.index("books-restart").id("978-1449373320"), Book.class).source())
                .isEqualTo(BOOKS.get(1));
    }

    static void indexBooks(ElasticsearchClient client, String index) throws IOException {
        client.indices().create(c -> c.index(index)
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                .mappings(m -> m.properties("isbn", p -> p.keyword(k -> k))
                        .properties("title", p -> p.text(t -> t))
                        .properties("year", p -> p.integer(i -> i))));
        for (Book book : BOOKS) {
            client.index(i -> i.index(index).id(book.isbn()).document(book));
        }
        client.indices().refresh(r -> r.index(index));
    }
}
