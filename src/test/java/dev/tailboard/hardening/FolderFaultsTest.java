package dev.tailboard.hardening;

import dev.tailboard.jobs.JobRegistry;
import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.SseClient;
import dev.tailboard.testing.TestServer;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The logs folder itself misbehaves: it vanishes and comes back, or holds thousands of jobs. */
class FolderFaultsTest {

    @TempDir
    Path base;

    static List<String> logLines(TestServer server, List<SseClient.Event> events) {
        List<String> lines = new ArrayList<>();
        for (SseClient.Event event : events) {
            if ("log".equals(event.event())) {
                lines.addAll(TestServer.lines(server.json(event.data())));
            }
        }
        return lines;
    }

    @Test
    void theLogsFolderDeletedAndRecreatedWhileRunning() throws Exception {
        Path logs = base.resolve("logs");
        LogFolder folder = new LogFolder(logs);
        folder.append("team/a", "before\n").sidecar("team/a", "{\"status\":\"running\"}");
        folder.append("b", "b\n");
        try (TestServer server = TestServer.start(logs);
             SseClient viewer = server.sse("/api/jobs/team/a/events")) {
            assertEquals(List.of("before"), logLines(server, viewer.until("log")));

            PathUtils.deleteDirectory(logs);
            Await.until("every job to go", () -> server.get("/api/jobs").body().equals("[]"));

            folder.append("team/a", "after 1\n").sidecar("team/a", "{\"status\":\"running\"}");
            folder.append("c", "c\n");
            Await.until("the jobs to come back", () -> {
                String list = server.get("/api/jobs").body();
                return list.contains("\"team/a\"") && list.contains("\"c\"");
            });
            folder.append("team/a", "after 2\n").finish("team/a", "success", 0);
            List<SseClient.Event> rest = viewer.until("end");
            assertTrue(rest.stream().anyMatch(event -> "reset".equals(event.event())), rest::toString);
            assertEquals(List.of("after 1", "after 2"), logLines(server, rest.subList(indexOfReset(rest), rest.size())));
            assertEquals(200, server.get("/api/jobs/c").statusCode());
        }
    }

    private static int indexOfReset(List<SseClient.Event> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if ("reset".equals(events.get(i).event())) {
                return i;
            }
        }
        return 0;
    }

    /** Measured, not asserted: start time, the job list's time, and one re-scan's time with 5,000 jobs. */
    @Test
    void fiveThousandJobs() {
        Path logs = base.resolve("many");
        LogFolder folder = new LogFolder(logs);
        for (int team = 0; team < 50; team++) {
            for (int run = 0; run < 100; run++) {
                String id = "team-" + team + "/" + run;
                folder.append(id, "build " + id + "\n").finish(id, run % 10 == 0 ? "failed" : "success", run % 10 == 0 ? 1 : 0);
            }
        }
        long emptyStarted = System.nanoTime();
        try (TestServer empty = TestServer.start(base.resolve("empty"))) {
            empty.get("/api/jobs");
        }
        long emptyMillis = (System.nanoTime() - emptyStarted) / 1_000_000;
        long started = System.nanoTime();
        try (TestServer server = TestServer.start(logs)) {
            long startMillis = (System.nanoTime() - started) / 1_000_000;
            long[] listMillis = new long[7];
            HttpResponse<String> list = null;
            for (int i = 0; i < listMillis.length; i++) {
                long t = System.nanoTime();
                list = server.get("/api/jobs");
                listMillis[i] = (System.nanoTime() - t) / 1_000_000;
            }
            assertEquals(200, list.statusCode());
            assertEquals(5000, server.json("{\"jobs\":" + list.body() + "}").get("jobs") instanceof List<?> jobs ? jobs.size() : -1);
            JobRegistry registry = server.context().getBean(JobRegistry.class);
            long t = System.nanoTime();
            registry.rescan();
            long rescanMillis = (System.nanoTime() - t) / 1_000_000;
            long[] sorted = listMillis.clone();
            Arrays.sort(sorted);
            System.out.printf("figure: 5,000 jobs: server start %d ms (an empty folder: %d ms); GET /api/jobs first %d ms, "
                    + "median %d ms (%,d bytes); one re-scan of the tree %d ms%n", startMillis, emptyMillis, listMillis[0], sorted[sorted.length / 2],
                    list.body().length(), rescanMillis);
            Map<String, Object> health = server.json(server.get("/health").body());
            assertEquals("UP", health.get("status"));
        }
    }
}
