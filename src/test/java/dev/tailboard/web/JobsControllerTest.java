package dev.tailboard.web;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobsControllerTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static final String LOG = "0123456789\nabcdefghij\n";

    @BeforeAll
    static void start() {
        new LogFolder(dir).append("backend/42", LOG).finish("backend/42", "success", 0);
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listsAndShowsJobsWithNullForAbsentValues() {
        HttpResponse<String> list = server.get("/api/jobs");
        assertEquals(200, list.statusCode());
        assertTrue(list.body().startsWith("[{\"id\":\"backend/42\""), list.body());
        Map<String, Object> job = server.json(server.get("/api/jobs/backend/42").body());
        assertEquals("success", job.get("status"));
        assertEquals(22, ((Number) job.get("size")).intValue());
        assertEquals(0, ((Number) job.get("exitCode")).intValue());
        assertTrue(job.containsKey("title"));
        assertNull(job.get("title"));
        assertTrue(job.containsKey("startedAt"));
    }

    @Test
    void servesTheRawLog() {
        HttpResponse<String> raw = server.get("/api/jobs/backend/42/raw");
        assertEquals(200, raw.statusCode());
        assertEquals(LOG, raw.body());
        assertEquals("text/plain; charset=utf-8", raw.headers().firstValue("content-type").orElseThrow().toLowerCase());
        assertEquals(List.of("no-cache"), raw.headers().allValues("cache-control"), "a growing log is never cached");
        assertEquals("inline; filename=\"backend-42.log\"", raw.headers().firstValue("content-disposition").orElseThrow());
    }

    @Test
    void aPartHasTheHeadersOfTheWhole() {
        HttpResponse<String> whole = server.get("/api/jobs/backend/42/raw");
        HttpResponse<String> part = server.get("/api/jobs/backend/42/raw", "Range", "bytes=11-");
        assertEquals(206, part.statusCode());
        for (String header : List.of("cache-control", "last-modified", "content-disposition", "accept-ranges", "content-type")) {
            assertEquals(whole.headers().allValues(header), part.headers().allValues(header), header);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "bytes=0-9, 0123456789, bytes 0-9/22",
        "bytes=11-, 'abcdefghij\n', bytes 11-21/22",
        "bytes=-5, 'ghij\n', bytes 17-21/22",
        "bytes=20-1000, 'j\n', bytes 20-21/22",
    })
    void honoursARange(String range, String body, String contentRange) {
        HttpResponse<String> response = server.get("/api/jobs/backend/42/raw", "Range", range);
        assertEquals(206, response.statusCode());
        assertEquals(body, response.body());
        assertEquals(contentRange, response.headers().firstValue("content-range").orElseThrow());
    }

    @Test
    void aRangePastTheEndIs416AndAMalformedOneSendsEverything() {
        assertEquals(416, server.get("/api/jobs/backend/42/raw", "Range", "bytes=500-").statusCode());
        HttpResponse<String> malformed = server.get("/api/jobs/backend/42/raw", "Range", "bytes=x-y");
        assertEquals(200, malformed.statusCode());
        assertEquals(LOG, malformed.body());
    }

    @ParameterizedTest
    @CsvSource({
        "/api/jobs/nope, 404",
        "/api/jobs/nope/raw, 404",
        "/api/jobs/..%2F..%2Fetc%2Fpasswd, 400",
        "/api/jobs/%2e%2e/raw, 400",
        "/api/jobs/a%00b, 400",
        "/api/nothing-here, 404",
    })
    void refusesWithAJsonErrorAndNoStackTrace(String path, int status) {
        HttpResponse<String> response = server.get(path);
        assertEquals(status, response.statusCode(), path);
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        Map<String, Object> body = server.json(response.body());
        assertEquals(List.of("error"), List.copyOf(body.keySet()));
        assertFalse(response.body().contains("Exception"));
    }

    @Test
    void aWrongMethodIs405InJson() {
        HttpResponse<String> response = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/jobs"))
                .DELETE().build());
        assertEquals(405, response.statusCode());
        assertTrue(server.json(response.body()).containsKey("error"));
    }
}
