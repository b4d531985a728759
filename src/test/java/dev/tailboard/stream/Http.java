package dev.tailboard.stream;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A plain JDK HTTP client against the embedded server, with a small, fixed number of threads. */
final class Http implements AutoCloseable {

    private final URI base;
    private final JsonMapper json;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient client;

    Http(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(90));
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        return join(getAsync(pathAndQuery, headers));
    }

    CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = request(pathAndQuery);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return client.sendAsync(request, body);
    }

    HttpClient client() {
        return client;
    }

    <T> T json(HttpResponse<String> response, Class<T> type) {
        try {
            return json.readValue(response.body(), Argument.of(type));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** The {@code error} of a JSON error body. */
    String error(HttpResponse<String> response) {
        return (String) map(response.body()).get("error");
    }

    /** A JSON object as a map. */
    Map<String, Object> map(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON object: " + text, e);
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        return future.orTimeout(Eventually.DEADLINE.toSeconds() * 6, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
