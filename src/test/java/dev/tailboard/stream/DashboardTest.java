package dev.tailboard.stream;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/events}: the dashboard feed over a real SSE client. */
@MicronautTest
class DashboardTest extends ServerTest {

    private ReceivedEvents connect() {
        HttpResponse<Stream<String>> response = Http.join(http.send(http.request("/api/events").build(),
                HttpResponse.BodyHandlers.ofLines()));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElse(""));
        return new ReceivedEvents(response);
    }

    /** The data of every {@code job} event about {@code id}. */
    private List<Map<String, Object>> jobEvents(ReceivedEvents events, String id) {
        return events.named("job").stream().map(event -> http.map(event.data()))
                .filter(job -> id.equals(job.get("id"))).toList();
    }

    private boolean saw(ReceivedEvents events, String id, String status) {
        return jobEvents(events, id).stream().anyMatch(job -> status.equals(job.get("status")));
    }

    @Test
    void reportsANewJobItsStatusChangesAndItsRemoval() {
        try (ReceivedEvents events = connect()) {
            String id = logs.newJob();
            Eventually.await("the new job", () -> saw(events, id, "unknown"));
            Map<String, Object> job = jobEvents(events, id).get(0);
            assertEquals(List.of("exitCode", "finishedAt", "id", "note", "size", "startedAt", "status", "title",
                    "updatedAt"), job.keySet().stream().sorted().toList());

            logs.status(id, "running", 0);
            Eventually.await("running", () -> saw(events, id, "running"));
            logs.status(id, "failed", 1);
            Eventually.await("failed", () -> saw(events, id, "failed"));
            Map<String, Object> failed = jobEvents(events, id).get(jobEvents(events, id).size() - 1);
            assertEquals(1, ((Number) failed.get("exitCode")).intValue());

            logs.remove(id);
            Eventually.await("the removal", () -> events.named("removed").stream()
                    .anyMatch(event -> http.map(event.data()).equals(Map.of("id", id))));
        }
    }

    @Test
    void aNewSubscriberIsToldOfEveryJobFirst() {
        String id = logs.newJob();
        logs.finish(id);
        Eventually.await("finished", () -> http.get("/api/jobs/" + id).body().contains("success"));
        try (ReceivedEvents events = connect()) {
            Eventually.await("the existing job", () -> saw(events, id, "success"));
        }
    }

    @Test
    void sizeChangesComeAtMostOnceASecondAndTheLastOneArrives() {
        try (ReceivedEvents events = connect()) {
            String id = logs.newJob();
            Eventually.await("the new job", () -> saw(events, id, "unknown"));
            long started = System.nanoTime();
            long size = 0;
            for (int i = 0; i < 10; i++) {
                logs.append(id, "line " + i + "\n");
                size += ("line " + i + "\n").length();
                long expected = size;
                Eventually.await("the registry saw the size", () -> http.get("/api/jobs/" + id).body()
                        .contains("\"size\":" + expected + ","));
            }
            long finalSize = size;
            Eventually.await("the last size", () -> jobEvents(events, id).stream()
                    .anyMatch(job -> Objects.equals(((Number) job.get("size")).longValue(), finalSize)));
            long elapsedSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            long sizeUpdates = jobEvents(events, id).stream().filter(job -> ((Number) job.get("size")).longValue() > 0)
                    .count();
            assertTrue(sizeUpdates <= elapsedSeconds + 1,
                    sizeUpdates + " size updates in " + elapsedSeconds + " whole seconds");
        }
    }

    @Test
    void theFeedStartsWithRetryAndACommentBeforeAnyJobChanges() {
        try (ReceivedEvents events = connect()) {
            Eventually.await("retry and a comment", () -> "3000".equals(events.retry()) && !events.comments().isEmpty());
        }
    }
}
