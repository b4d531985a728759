package dev.tailboard.web;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job-list filters {@code status}, {@code q} and {@code limit} of {@code GET /api/jobs}. */
class JobFiltersTest {

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        LogFolder logs = new LogFolder(dir);
        String[][] jobs = {
            {"backend/1", "failed", "Backend tests"},
            {"backend/2", "success", "Backend tests"},
            {"frontend/1", "failed", "Web UI"},
            {"frontend/2", "running", "Web UI (BACKEND mock)"},
            {"docs/1", "cancelled", "Docs"},
        };
        for (int i = 0; i < jobs.length; i++) {
            String[] job = jobs[i];
            logs.append(job[0], "x\n").sidecar(job[0], "{\"status\":\"" + job[1] + "\",\"title\":\"" + job[2] + "\"}");
            // the first is the most recently updated
            Files.setLastModifiedTime(logs.log(job[0]), FileTime.from(Instant.parse("2026-11-21T10:00:00Z").minusSeconds(i)));
        }
        logs.append("loose", "no sidecar\n");
        Files.setLastModifiedTime(logs.log("loose"), FileTime.from(Instant.parse("2026-11-20T10:00:00Z")));
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private List<String> ids(String query) {
        HttpResponse<String> response = server.get("/api/jobs" + query);
        assertEquals(200, response.statusCode(), query + ": " + response.body());
        List<?> jobs = (List<?>) server.json("{\"jobs\":" + response.body() + "}").get("jobs");
        return jobs.stream().map(job -> (String) ((Map<?, ?>) job).get("id")).toList();
    }

    @Test
    void filtersByStatusTextAndLimitNewestFirst() {
        assertEquals(List.of("backend/1", "backend/2", "frontend/1", "frontend/2", "docs/1", "loose"), ids(""));
        assertEquals(List.of("backend/1", "frontend/1"), ids("?status=failed"));
        assertEquals(List.of("backend/1", "frontend/1", "frontend/2"), ids("?status=failed,running"));
        assertEquals(List.of("loose"), ids("?status=unknown"));
        assertEquals(List.of("backend/1", "backend/2", "frontend/2"), ids("?q=backend"), "the id or the title, any case");
        assertEquals(List.of("frontend/1", "frontend/2"), ids("?q=web%20ui"));
        assertEquals(List.of("backend/1"), ids("?status=failed&q=BACK"));
        assertEquals(List.of("backend/1", "backend/2"), ids("?limit=2"));
        assertEquals(List.of("backend/1"), ids("?status=failed&q=end&limit=1"), "the newest that match");
        assertEquals(List.of(), ids("?q=nothing-like-this"));
        assertEquals(ids(""), ids("?status=&q="), "empty values filter nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?status=broken", "?status=failed,,running", "?status=failed,nope", "?limit=0",
        "?limit=10001", "?limit=-3", "?limit=ten", "?limit=1.5"})
    void aBadValueIs400InJson(String query) {
        HttpResponse<String> response = server.get("/api/jobs" + query);
        assertEquals(400, response.statusCode(), query);
        assertTrue(server.json(response.body()).get("error") instanceof String message && !message.isBlank(),
                response.body());
    }
}
