package dev.tailboard.stream;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.SseClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /api/events}: the dashboard feed, read as a browser's EventSource reads it. */
class DashboardTest extends TransportTest {

    /** No heartbeat during a test: the client's wait for the next event must be able to run out. */
    @Override
    Map<String, Object> settings() {
        return Map.of("tailboard.rescan-interval", "250ms", "tailboard.heartbeat", "1h");
    }

    /** The next {@code job} event about {@code id} that {@code wanted} accepts; other events are passed over. */
    private Map<String, Object> nextJob(SseClient events, String id, Predicate<Map<String, Object>> wanted)
            throws InterruptedException {
        while (true) {
            SseClient.Event event = events.next();
            assertTrue(!SseClient.isEnd(event), "the feed ended");
            if ("job".equals(event.event())) {
                Map<String, Object> job = server.json(event.data());
                if (id.equals(job.get("id")) && wanted.test(job)) {
                    return job;
                }
            }
        }
    }

    private static Predicate<Map<String, Object>> status(String status) {
        return job -> status.equals(job.get("status"));
    }

    private static long size(Map<String, Object> job) {
        return ((Number) job.get("size")).longValue();
    }

    @Test
    void reportsANewJobItsStatusChangesAndItsRemoval() throws Exception {
        try (SseClient events = server.sse("/api/events")) {
            String id = newJob();
            Map<String, Object> added = nextJob(events, id, status("unknown"));
            assertEquals(List.of("exitCode", "finishedAt", "id", "node", "note", "size", "startedAt", "status", "title",
                    "updatedAt"), added.keySet().stream().sorted().toList());

            running(id);
            nextJob(events, id, status("running"));
            logs.finish(id, "failed", 1);
            Map<String, Object> failed = nextJob(events, id, status("failed"));
            assertEquals(1, ((Number) failed.get("exitCode")).intValue());

            Files.delete(logs.log(id));
            SseClient.Event removed;
            do {
                removed = events.next();
            } while (!"removed".equals(removed.event()) && !SseClient.isEnd(removed));
            assertEquals(Map.of("id", id), server.json(removed.data()));
        }
    }

    @Test
    void aNewSubscriberIsToldOfEveryJobFirst() throws Exception {
        String id = newJob();
        finish(id);
        Await.until("finished", () -> server.get("/api/jobs/" + id).body().contains("success"));
        try (SseClient events = server.sse("/api/events")) {
            nextJob(events, id, status("success"));
        }
    }

    /**
     * Sends are at least a second apart on the server, so a window of T seconds holds at most T + 1 of them:
     * a slow machine only widens the window, it cannot make this fail.
     */
    @Test
    void sizeChangesComeAtMostOnceASecondAndTheLastOneArrives() throws Exception {
        try (SseClient events = server.sse("/api/events")) {
            String id = newJob();
            nextJob(events, id, status("unknown"));
            long started = System.nanoTime();
            long size = 0;
            for (int i = 0; i < 10; i++) {
                String line = "line " + i + "\n";
                logs.append(id, line);
                size += line.length();
                String registered = "\"size\":" + size + ",";
                Await.until("the registry saw the size", () -> server.get("/api/jobs/" + id).body().contains(registered));
            }
            long finalSize = size;
            int sizeUpdates = 0;
            Map<String, Object> job;
            do {
                job = nextJob(events, id, update -> size(update) > 0);
                sizeUpdates++;
            } while (size(job) != finalSize);
            long elapsedSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertTrue(sizeUpdates <= elapsedSeconds + 1, sizeUpdates + " size updates in " + elapsedSeconds + " whole seconds");
        }
    }

    @Test
    void theFeedStartsWithACommentAndRetryBeforeAnyJobChanges() throws IOException, InterruptedException {
        try (SseClient events = server.sse("/api/events")) {
            assertEquals(200, events.status());
            assertTrue(events.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            assertEquals("no-cache", events.response().headers().firstValue("Cache-Control").orElse(""));
            assertTrue(events.nextIncludingComments().isComment());
            assertEquals("3000", events.nextIncludingComments().retry());
        }
    }
}
