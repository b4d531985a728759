package dev.tailboard.runner;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs across server starts and stops, on one logs folder. */
class RunLifecycleTest {

    @TempDir
    Path logs;

    private static Map<String, Object> pipeline(String name, String script) {
        return Map.of("tailboard.pipelines." + name + ".command", List.of("sh", "-c", script));
    }

    @Test
    void runNumbersContinueAfterARestartAndAfterRunsWrittenByOthers() throws IOException {
        Map<String, Object> quick = pipeline("quick", "echo hello");
        try (RunnerServer first = RunnerServer.start(logs, quick)) {
            assertEquals("quick/1", first.run("quick").id());
            assertEquals("quick/2", first.run("quick").id());
            first.awaitStatus("quick/2", JobStatus.SUCCESS);
        }
        try (RunnerServer second = RunnerServer.start(logs, quick)) {
            assertEquals("quick/3", second.run("quick").id());
            Files.writeString(logs.resolve("quick/41.log"), "a run written by another tool\n");
            assertEquals("quick/42", second.run("quick").id());
            second.awaitStatus("quick/42", JobStatus.SUCCESS);
        }
    }

    /** Run {@code nightly/<number>} as a server that has stopped left it: a log, a sidecar and a stale lease. */
    private Path leftByAStoppedServer(int number, String log, String sidecar) throws IOException {
        Path folder = Files.createDirectories(logs.resolve("nightly"));
        Files.writeString(folder.resolve(number + ".log"), log);
        Files.writeString(folder.resolve(number + ".json"), sidecar);
        // This process id, but another start time: the server that wrote it is gone, its id taken since.
        Files.writeString(folder.resolve("." + number + ".run"), "{\"serverPid\":" + ProcessHandle.current().pid()
                + ",\"serverStartedAt\":\"" + Instant.EPOCH + "\"}");
        return folder;
    }

    @Test
    void aRunLeftRunningByAStoppedServerIsFailedWithANote() throws IOException {
        Path folder = leftByAStoppedServer(7, "compiling\nhalf a li",
                "{\"status\":\"running\",\"startedAt\":\"2024-01-02T03:04:05Z\"}");
        Instant logWritten = Files.getLastModifiedTime(folder.resolve("7.log")).toInstant();

        try (RunnerServer server = RunnerServer.start(logs, Map.of())) {
            Job job = server.job("nightly/7");
            assertEquals(JobStatus.FAILED, job.status());
            assertEquals(PipelineRunner.RESTARTED, job.note());
            assertEquals("2024-01-02T03:04:05Z", job.startedAt());
            assertEquals(logWritten.toString(), job.finishedAt());
            assertEquals("compiling\nhalf a li", server.log("nightly/7"), "the log is left as the run wrote it");
            assertFalse(Files.exists(folder.resolve(".7.run")));
        }
    }

    @Test
    void aRunLeftQueuedByAStoppedServerIsCancelledWithANote() throws IOException {
        Path folder = leftByAStoppedServer(8, "", "{\"status\":\"queued\"}");

        try (RunnerServer server = RunnerServer.start(logs, Map.of())) {
            Job job = server.job("nightly/8");
            assertEquals(JobStatus.CANCELLED, job.status());
            assertEquals(PipelineRunner.RESTARTED_WAITING, job.note());
            assertFalse(Files.exists(folder.resolve(".8.run")));
        }
    }

    @Test
    void aRunOfAnotherServerThatStillRunsIsLeftAlone() throws IOException {
        Process otherServer = new ProcessBuilder("sleep", "300").start();
        try {
            Path folder = Files.createDirectories(logs.resolve("shared"));
            Files.writeString(folder.resolve("1.log"), "busy\n");
            Files.writeString(folder.resolve("1.json"), "{\"status\":\"running\"}");
            Files.writeString(folder.resolve(".1.run"), "{\"serverPid\":" + otherServer.pid() + ",\"serverStartedAt\":\""
                    + otherServer.info().startInstant().orElseThrow() + "\"}");

            try (RunnerServer server = RunnerServer.start(logs, pipeline("shared", "echo mine"))) {
                assertEquals(JobStatus.RUNNING, server.job("shared/1").status());
                assertTrue(Files.exists(folder.resolve(".1.run")));
                assertEquals("shared/2", server.run("shared").id());
                assertEquals(409, server.post("/api/jobs/shared/1/cancel").status());
            }
        } finally {
            otherServer.destroyForcibly();
        }
    }

    @Test
    void aServerThatStopsEndsItsRunsAndSaysSo() throws IOException {
        Job job;
        try (RunnerServer server = RunnerServer.start(logs, pipeline("forever", "echo started; sleep 300"))) {
            job = server.run("forever");
            server.awaitLog(job.id(), log -> log.equals("started\n"));
        }
        String sidecar = Files.readString(logs.resolve(job.id() + ".json"));
        assertTrue(sidecar.contains("\"status\":\"failed\""), sidecar);
        assertTrue(sidecar.contains("\"note\":\"server stopped during the run\""), sidecar);
        assertFalse(Files.exists(logs.resolve("forever/.1.run")));
    }
}
