package dev.tailboard.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real tailboard on a random (or given) port over a given logs folder, with plain HTTP helpers. */
public final class TestServer implements AutoCloseable {

    private final EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer(EmbeddedServer server) {
        this.server = server;
    }

    /** {@code files}: configuration as a user writes it (a YAML file read by Micronaut's loader, say). */
    public static TestServer start(Path logs, Map<String, Object> extra, PropertySource... files) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("tailboard.logs-dir", logs.toString());
        properties.put("tailboard.demo.enabled", false);
        properties.put("micronaut.server.port", -1);
        properties.putAll(extra);
        return new TestServer(ApplicationContext.builder().properties(properties).propertySources(files)
                .run(EmbeddedServer.class));
    }

    public static TestServer start(Path logs) {
        return start(logs, Map.of());
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public int port() {
        return server.getPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + server.getPort() + pathAndQuery);
    }

    public HttpClient http() {
        return http;
    }

    public SseClient sse(String pathAndQuery, Map<String, String> headers) {
        try {
            return SseClient.connect(http, uri(pathAndQuery), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public SseClient sse(String pathAndQuery) {
        return sse(pathAndQuery, Map.of());
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Map<String, Object> json(String text) {
        try {
            return context().getBean(JsonMapper.class).readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<String> lines(Map<String, Object> data) {
        return (List<String>) data.get("lines");
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
