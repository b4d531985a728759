package dev.tailboard.cluster;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.RedisServer;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two nodes over one Redis: each serves the other's jobs exactly as its own. */
@EnabledIf("dev.tailboard.testing.RedisServer#available")
class ClusterTest {

    @TempDir
    Path base;
    Cluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNodeServesAnotherNodesLogLiveWithTheSameOffsets() throws Exception {
        cluster = new Cluster(base);
        LogFolder a = cluster.folder("a");
        a.sidecar("backend/1", "{\"status\":\"running\",\"title\":\"backend #1\"}").append("backend/1", LogFolder.lines("line ", 1, 100));
        TestServer nodeA = cluster.start("a");
        TestServer nodeB = cluster.start("b");
        Cluster.awaitJob(nodeB, "backend/1", "a", a.size("backend/1"));
        Map<String, Object> job = nodeB.json(nodeB.get("/api/jobs/backend/1").body());
        assertEquals("running", job.get("status"));
        assertEquals("backend #1", job.get("title"));
        assertEquals("a", nodeA.json(nodeA.get("/api/jobs/backend/1").body()).get("node"));

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
}
