package dev.tailboard.cluster;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tailboard.testing.Await;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two nodes over one Redis: each serves the other's jobs exactly as its own. */
class ClusterTest extends ClusterTestCase {


    @Test
    void aNodeServesAnotherNodesLogLiveWithTheSameOffsets() throws Exception {
        LogFolder a = cluster.folder("a");
        a.sidecar("backend/1", "{\"status\":\"running\",\"title\":\"backend #1\"}").append("backend/1", LogFolder.lines("line ", 1, 100));
        TestServer nodeA = cluster.start("a");
        TestServer nodeB = cluster.start("b");
        Cluster.awaitJob(nodeB, "backend/1", "a", a.size("backend/1"));
        Map<String, Object> job = nodeB.json(nodeB.get("/api/jobs/backend/1").body());
        assertEquals("running", job.get("status"));
        assertEquals("backend #1", job.get("title"));
        assertEquals("a", nodeA.json(nodeA.get("/api/jobs/backend/1").body()).get("node"));
        Await.until("b's health to say what the cluster does", () -> nodeB.get("/health").body()
                .matches(".*\"cluster\".*\"node\":\"b\",\"redis\":\"reachable\",\"copies\":1.*"));

        try (SseClient sse = nodeB.sse("/api/jobs/backend/1/events?from=0")) {
            List<String> lines = new ArrayList<>();
            while (lines.size() < 100) {
                SseClient.Event event = sse.next();
                if ("log".equals(event.event())) {
                    lines.addAll(TestServer.lines(nodeB.json(event.data())));
                }
            }
            a.append("backend/1", LogFolder.lines("line ", 101, 50)).finish("backend/1", "success", 0);
            String lastId = null;
            for (SseClient.Event event = sse.next(); !"end".equals(event.event()); event = sse.next()) {
                if ("log".equals(event.event())) {
                    lines.addAll(TestServer.lines(nodeB.json(event.data())));
                    lastId = event.id();
                }
            }
            assertEquals(150, lines.size());
            for (int i = 0; i < 150; i++) {
                assertEquals("line " + (i + 1), lines.get(i));
            }
            assertEquals(String.valueOf(a.size("backend/1")), lastId, "the same byte offsets as on the node that holds the file");
        }
        byte[] file = Files.readAllBytes(a.log("backend/1"));
        assertArrayEquals(file, nodeB.http().send(HttpRequest.newBuilder(nodeB.uri("/api/jobs/backend/1/raw")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    @Test
    void everyWayOfReadingALogWorksForAnotherNodesJob() throws Exception {
        LogFolder a = cluster.folder("a");
        String log = "[INFO] Building backend\n[ERROR] Failed to execute goal: compilation failure\n"
                + "[ERROR] /src/Main.java:[3,1] cannot find symbol\n[INFO] BUILD FAILURE\n";
        a.append("build/9", log).sidecar("build/9", "{\"status\":\"failed\",\"exitCode\":1}");
        cluster.start("a");
        TestServer b = cluster.start("b");
        Cluster.awaitJob(b, "build/9", "a", a.size("build/9"));
        Await.until("the final status on b", () -> "failed".equals(b.json(b.get("/api/jobs/build/9").body()).get("status")));

        Map<String, Object> page = b.json(b.get("/api/jobs/build/9/log?from=0").body());
        assertEquals(List.of("[INFO] Building backend", "[ERROR] Failed to execute goal: compilation failure",
                "[ERROR] /src/Main.java:[3,1] cannot find symbol", "[INFO] BUILD FAILURE"), TestServer.lines(page));
        assertEquals(a.size("build/9"), ((Number) page.get("next")).longValue());
        Map<String, Object> second = b.json(b.get("/api/jobs/build/9/log?from=24&limit=1").body());
        assertEquals(2, ((Number) second.get("line")).intValue(), "the same offsets and line numbers as on a");

        assertEquals(log.substring(24), b.get("/api/jobs/build/9/stream?from=24").body());
        HttpResponse<String> range = b.get("/api/jobs/build/9/raw", "Range", "bytes=24-39");
        assertEquals(206, range.statusCode());
        assertEquals(log.substring(24, 40), range.body());

        Map<String, Object> search = b.json(b.get("/api/search?job=build/9&q=cannot%20find").body());
        assertEquals(List.of(3), search.get("lines"), "the matching line's number");
        HttpResponse<String> jobPage = b.get("/jobs/build/9");
        assertEquals(200, jobPage.statusCode());
        assertTrue(jobPage.body().contains("BUILD FAILURE"));

        ReceivedText socket = new ReceivedText();
        b.http().newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + b.port() + "/ws/jobs/build/9?from=0"), socket).join();
        Await.until("the socket to end", () -> socket.text().contains("\"type\":\"end\""));
        assertTrue(socket.text().contains("cannot find symbol"), socket::text);

        HttpResponse<String> created = b.send(HttpRequest.newBuilder(b.uri("/api/answers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": \"why did it fail?\", \"job\": \"build/9\"}")).build());
        assertEquals(201, created.statusCode(), created::body);
        StringBuilder answer = new StringBuilder();
        try (SseClient events = b.sse((String) b.json(created.body()).get("events") + "")) {
            for (SseClient.Event event : events.until("end")) {
                if ("delta".equals(event.event())) {
                    answer.append(b.json(event.data()).get("text"));
                }
            }
        }
        assertTrue(answer.toString().contains("cannot find symbol"), answer::toString);
    }

    @Test
    void theDashboardFeedOfANodeTellsOfJobsOfOtherNodes() throws Exception {
        cluster.start("a");
        TestServer b = cluster.start("b");
        try (SseClient feed = b.sse("/api/events")) {
            cluster.folder("a").append("late", "hello\n").sidecar("late", "{\"status\":\"running\"}");
            Map<String, Object> job;
            do {
                SseClient.Event event = feed.next();
                job = "job".equals(event.event()) ? b.json(event.data()) : Map.of();
            } while (!"late".equals(job.get("id")) || !"running".equals(job.get("status")));
            assertEquals("a", job.get("node"));
        }
    }

    @Test
    void aSingleNodeHasNoClusterAndItsJobsNoNode(@TempDir Path logs) {
        new LogFolder(logs).append("alone", "hi\n");
        try (TestServer single = TestServer.start(logs)) {
            assertTrue(single.context().findBean(ClusterRedis.class).isEmpty(), "no Redis client, no connection");
            assertTrue(single.context().findBean(Mirrors.class).isEmpty());
            Map<String, Object> job = single.json(single.get("/api/jobs/alone").body());
            assertTrue(job.containsKey("node"));
            assertNull(job.get("node"));
        }
    }

    /** The text frames a JDK WebSocket receives, joined. */
    static final class ReceivedText implements WebSocket.Listener {
        private final StringBuffer text = new StringBuffer();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            webSocket.request(1);
            return null;
        }

        String text() {
            return text.toString();
        }
    }
}
