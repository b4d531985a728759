package dev.tailboard.runner;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.testing.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tailboard.runner.max-runs} runs at once, later ones wait in order as {@code queued} (a status that is
 * not final: the log is there and empty, streams stay open, cancel ends it), at most
 * {@code tailboard.runner.max-queued} of them; one more is a {@code 429}.
 */
class QueuedRunsTest {

    @TempDir
    Path temp;

    /** One runner, two places in line; pipeline {@code n} prints, waits for its gate file, prints again. */
    private RunnerServer server(String... names) throws IOException {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "tailboard.runner.max-runs", 1, "tailboard.runner.max-queued", 2));
        for (String name : names) {
            properties.put("tailboard.pipelines." + name + ".command", List.of("sh", "-c",
                    "echo started; while [ ! -e \"$1\" ]; do sleep 0.02; done; echo done", name,
                    temp.resolve(name + ".gate").toString()));
        }
        return RunnerServer.start(Files.createDirectories(temp.resolve("logs")), properties);
    }

    private void open(String gate) throws IOException {
        Files.createFile(temp.resolve(gate + ".gate"));
    }

    @Test
    void runsWaitInOrderForAFreeRunnerAndOneTooManyIsRefused() throws Exception {
        try (RunnerServer server = server("one", "two", "three")) {
            assertEquals(JobStatus.RUNNING, server.run("one").status());
            Job two = server.run("two");
            assertEquals(JobStatus.QUEUED, two.status());
            assertNull(two.startedAt());
            assertEquals(0, two.size());
            assertEquals("", server.log("two/1"), "a queued run's log exists and is empty");
            assertEquals(JobStatus.QUEUED, server.run("three").status());

            RunnerServer.Reply full = server.post("/api/pipelines/one/runs");
            assertEquals(429, full.status(), full.body());
            assertTrue(full.body().startsWith("{\"error\":\"1 runs are running and 2 are waiting"), full.body());

            try (SseClient events = server.events("two/1")) {
                open("one");
                server.awaitStatus("one/1", JobStatus.SUCCESS);
                assertEquals(JobStatus.RUNNING, server.awaitStatus("two/1", JobStatus.RUNNING).status());
                assertEquals(JobStatus.QUEUED, server.job("three/1").status(), "the runner goes to the run that waited longest");

                open("two");
                List<SseClient.Event> seen = events.until("end");
                List<Object> statuses = new ArrayList<>();
                List<Object> lines = new ArrayList<>();
                for (SseClient.Event event : seen) {
                    Map<?, ?> data = event.data() == null ? Map.of() : server.parse(event.data(), Map.class);
                    if (event.event().equals("status")) {
                        statuses.add(data.get("status"));
                    } else if (event.event().equals("log")) {
                        lines.addAll((List<?>) data.get("lines"));
                    }
                }
                assertEquals(List.of("queued", "running", "success"), statuses, "a stream opened while queued stays open");
                assertEquals(List.of("started", "done"), lines);
                assertEquals("end", seen.get(seen.size() - 1).event());
            }
            server.awaitStatus("three/1", JobStatus.RUNNING);
            open("three");
            server.awaitStatus("three/1", JobStatus.SUCCESS);
        }
    }

    @Test
    void cancellingAQueuedRunEndsItCancelledAndFreesItsPlace() throws Exception {
        try (RunnerServer server = server("one", "two")) {
            server.run("one");
            server.run("two");
            server.run("two");
            assertEquals(429, server.post("/api/pipelines/two/runs").status());

            assertEquals(202, server.post("/api/jobs/two/1/cancel").status());
            Job cancelled = server.awaitStatus("two/1", JobStatus.CANCELLED);
            assertNotNull(cancelled.finishedAt());
            assertEquals("", server.log("two/1"));
            assertEquals(409, server.post("/api/jobs/two/1/cancel").status());
            assertEquals(JobStatus.QUEUED, server.run("two").status(), "the cancelled run's place is free");

            open("one");
            open("two");
            server.awaitStatus("two/2", JobStatus.SUCCESS);
            server.awaitStatus("two/3", JobStatus.SUCCESS);
            assertEquals(JobStatus.CANCELLED, server.job("two/1").status(), "a cancelled run never starts");
        }
    }

    @Test
    void aServerThatStopsCancelsTheRunsThatWaitAndSaysSo() throws Exception {
        try (RunnerServer server = server("one", "two")) {
            server.run("one");
            assertEquals(JobStatus.QUEUED, server.run("two").status());
        }
        String sidecar = Files.readString(temp.resolve("logs/two/1.json"));
        assertTrue(sidecar.contains("\"status\":\"cancelled\""), sidecar);
        assertTrue(sidecar.contains("\"note\":\"" + PipelineRunner.STOPPED_WAITING + "\""), sidecar);
        assertTrue(Files.notExists(temp.resolve("logs/two/.1.run")));
    }
}
