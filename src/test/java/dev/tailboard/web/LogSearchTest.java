package dev.tailboard.web;

import dev.tailboard.logs.LogSearch;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/search} over a real server and real logs. */
class LogSearchTest {

    @TempDir
    Path dir;
    LogFolder logs;
    TestServer server;

    @BeforeEach
    void start() {
        logs = new LogFolder(dir);
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, Object> search(String job, String q) {
        HttpResponse<String> response = server.get("/api/search?job=" + job + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return server.json(response.body());
    }

    private static List<Long> lines(Map<String, Object> result) {
        return ((List<?>) result.get("lines")).stream().map(n -> ((Number) n).longValue()).toList();
    }

    private static long number(Map<String, Object> result, String name) {
        return ((Number) result.get(name)).longValue();
    }

    /**
     * The slow search as it was made: a 1,000-character query that almost matches everywhere, over a log of
     * 64 KB lines, eight at once. Each is answered (or, while others take the cores, refused with 429).
     */
    @Test
    void aLongQueryThatAlmostMatchesEverywhereEightTimesAtOnce() throws Exception {
        String line = "a".repeat(65_535) + "\n";
        logs.append("huge", line.repeat(256)).finish("huge", "success", 0);
        String query = "a".repeat(999) + "b";
        ExecutorService searchers = Executors.newFixedThreadPool(8);
        try {
            long started = System.nanoTime();
            List<Future<HttpResponse<String>>> searches = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                searches.add(searchers.submit(() -> server.get("/api/search?job=huge&q=" + query)));
            }
            int refused = 0;
            for (Future<HttpResponse<String>> search : searches) {
                HttpResponse<String> response = search.get();
                if (response.statusCode() == 429) {
                    refused++;
                    assertTrue(response.body().startsWith("{\"error\":"), response.body());
                } else {
                    assertEquals(200, response.statusCode(), response.body());
                    assertEquals(0, number(server.json(response.body()), "count"));
                }
            }
            System.out.printf("figure: 8 searches at once for a 1,000-character query over a 16 MB log of 64 KB lines: "
                    + "%d ms in all, %d refused while others ran%n", (System.nanoTime() - started) / 1_000_000, refused);
        } finally {
            searchers.shutdownNow();
        }
    }

    @Test
    void findsLinesByWhatTheyShowIgnoringCase() {
        logs.finish("build/9", "failed", 1);
        logs.append("build/9", "compiling\n\u001b[1;31mERROR\u001b[0m: Disk full\n10%\r100% error-free\nerr\u001b[0mor split\n"
                + "nothing\nlast error, unterminated");

        Map<String, Object> result = search("build/9", "error");

        assertEquals(List.of(2L, 3L, 4L, 6L), lines(result));
        assertEquals(4, number(result, "count"));
        assertEquals(7, number(result, "line"), "the number of the first line not searched");
        assertEquals(false, result.get("truncated"));
        assertEquals("build/9", result.get("job"));
        assertEquals("error", result.get("q"));
        assertEquals(List.of(2L), lines(search("build/9", "DISK FULL")));
        assertEquals(List.of(), lines(search("build/9", "[1;31m")), "escape codes are not text");
    }

    @Test
    void searchesOnlyTheCompleteLinesOfARunningJob() {
        logs.sidecar("live/2", "{\"status\": \"running\"}");
        logs.append("live/2", "match one\nno\nmatch partial");

        Map<String, Object> result = search("live/2", "match");

        assertEquals(List.of(1L), lines(result));
        assertEquals(3, number(result, "line"), "the viewer searches line 3 itself once it arrives");
    }

    @Test
    void countsEveryMatchButListsAtMostTenThousand() {
        logs.append("many", "hit\n".repeat(LogSearch.MAX_LINES + 5));

        Map<String, Object> result = search("many", "HIT");

        assertEquals(LogSearch.MAX_LINES + 5, number(result, "count"));
        assertEquals(LogSearch.MAX_LINES, lines(result).size());
        assertEquals(true, result.get("truncated"));
    }

    @Test
    void anEmptyLogHasNoMatches() {
        logs.append("empty", "");
        Map<String, Object> result = search("empty", "x");
        assertEquals(0, number(result, "count"));
        assertEquals(List.of(), lines(result));
        assertEquals(1, number(result, "line"));
    }

    @Test
    void refusesBadRequestsWithJsonErrors() {
        logs.append("some", "x\n");
        assertError(400, "/api/search?job=some", "'q' must not be empty");
        assertError(400, "/api/search?job=some&q=", "'q' must not be empty");
        assertError(400, "/api/search?q=x", "'job' is required");
        assertError(400, "/api/search?job=..%2Fetc&q=x", "job id segments");
        assertError(400, "/api/search?job=some&q=" + "x".repeat(1001), "longer than 1000");
        assertError(404, "/api/search?job=nope&q=x", "no job 'nope'");
    }

    private void assertError(int status, String uri, String message) {
        HttpResponse<String> response = server.get(uri);
        assertEquals(status, response.statusCode());
        assertTrue(response.body().startsWith("{\"error\":\"") && response.body().contains(message), response.body());
    }
}
