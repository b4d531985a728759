package dev.tailboard.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesRenderingTest implements TestPropertyProvider {

    private Path logs;

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        try {
            logs = Files.createTempDirectory("tailboard-pages");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("tailboard.logs-dir", logs.toString(), "tailboard.demo.enabled", "false", "micronaut.server.port", "-1");
    }

    @Test
    void smoke() throws IOException {
        Files.writeString(logs.resolve("hello.log"), "one\n\u001b[31mtwo\u001b[0m\n<b>three</b>\n");
        String page = client.toBlocking().retrieve(HttpRequest.GET("/jobs/hello"));
        System.out.println(page);
        String dash = client.toBlocking().retrieve(HttpRequest.GET("/"));
        System.out.println(dash);
        HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve(HttpRequest.GET("/jobs/nope")));
        System.out.println(e.getResponse().getBody(String.class).orElse(""));
    }
}
