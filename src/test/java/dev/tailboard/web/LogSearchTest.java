package dev.tailboard.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogSearchTest implements TestPropertyProvider {

    private final Logs logs = Logs.inTempFolder();

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("tailboard.logs-dir", logs.root().toString(), "tailboard.demo.enabled", "false",
                "micronaut.server.port", "-1");
    }

    private LogSearch.Result search(String job, String q) {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/search?job=" + job + "&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8)), LogSearch.Result.class);
    }

    @Test
    void findsLinesByWhatTheyShowIgnoringCase() {
        logs.write("build/9", "compiling\n\u001b[1;31mERROR\u001b[0m: Disk full\n10%\r100% error-free\nerr\u001b[0mor split\n"
                + "nothing\nlast error, unterminated");
        logs.finished("build/9", "failed", 1);

        LogSearch.Result result = search("build/9", "error");

        assertEquals(List.of(2L, 3L, 4L, 6L), result.lines());
        assertEquals(4, result.count());
        assertFalse(result.truncated());
        assertEquals(7, result.line(), "the number of the first line not searched");
        assertEquals(List.of(2L), search("build/9", "DISK FULL").lines());
        assertEquals(List.of(), search("build/9", "[1;31m").lines(), "escape codes are not text");
    }

    @Test
    void searchesOnlyTheCompleteLinesOfARunningJob() {
        logs.write("live/2", "match one\nno\nmatch partial");
        logs.running("live/2");

        LogSearch.Result result = search("live/2", "match");

        assertEquals(List.of(1L), result.lines());
        assertEquals(3, result.line(), "the viewer searches line 3 itself once it arrives");
    }

    @Test
    void countsEveryMatchButListsAtMostTenThousand() {
        logs.write("many", "hit\n".repeat(LogSearch.MAX_LINES + 5));

        LogSearch.Result result = search("many", "HIT");

        assertEquals(LogSearch.MAX_LINES + 5, result.count());
        assertEquals(LogSearch.MAX_LINES, result.lines().size());
        assertTrue(result.truncated());
    }

    @Test
    void anEmptyLogHasNoMatches() {
        logs.write("empty", "");
        LogSearch.Result result = search("empty", "x");
        assertEquals(0, result.count());
        assertEquals(1, result.line());
    }

    @Test
    void refusesBadRequestsWithJsonErrors() {
        logs.write("some", "x\n");
        assertError(HttpStatus.BAD_REQUEST, "/api/search?job=some", "'q' must not be empty");
        assertError(HttpStatus.BAD_REQUEST, "/api/search?job=some&q=", "'q' must not be empty");
        assertError(HttpStatus.BAD_REQUEST, "/api/search?q=x", "'job' is required");
        assertError(HttpStatus.BAD_REQUEST, "/api/search?job=..%2Fetc&q=x", "job id segments");
        assertError(HttpStatus.BAD_REQUEST, "/api/search?job=some&q=" + "x".repeat(1001), "longer than 1000");
        assertError(HttpStatus.NOT_FOUND, "/api/search?job=nope&q=x", "no job 'nope'");
    }

    private void assertError(HttpStatus status, String uri, String message) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve(HttpRequest.GET(uri)));
        assertEquals(status, e.getStatus());
        String body = e.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.startsWith("{\"error\":\"") && body.contains(message), body);
    }
}
