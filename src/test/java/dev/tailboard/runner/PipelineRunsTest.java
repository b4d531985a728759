package dev.tailboard.runner;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;
import dev.tailboard.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs of real processes through the HTTP API of a real server. */
class PipelineRunsTest {

    @TempDir
    static Path temp;
    static Path logs;
    static RunnerServer server;

    @BeforeAll
    static void startServer() throws IOException {
        logs = Files.createDirectories(temp.resolve("logs"));
        Map<String, Object> pipelines = new HashMap<>();
        pipeline(pipelines, "gated", "echo first; while [ ! -e \"$1\" ]; do sleep 0.02; done; echo second", "gate");
        pipeline(pipelines, "fails", "echo about to fail; exit 3");
        pipeline(pipelines, "interleaved", "echo out1; echo err1 >&2; echo out2; echo err2 >&2; echo out3");
        pipeline(pipelines, "secret", "bytes() { for c in \"$@\"; do printf %s \"$c\"; sleep 0.02; done; echo; }; "
                + "printf 'token='; bytes s 3 c r 3 t - 4 2; bytes s 3 c r 3 t '!'; echo \"again $TOKEN\"");
        pipelines.put("tailboard.pipelines.secret.env.TOKEN", "s3cr3t-42");
        pipelines.put("tailboard.pipelines.secret.secrets", List.of("TOKEN"));
        pipeline(pipelines, "tree", "sleep 300 & echo $! > \"$1\"; echo started; wait", "child.pid");
        pipeline(pipelines, "stubborn", "trap '' TERM; sleep 300 & echo $! > \"$1\"; echo started; wait", "stubborn.pid");
        pipeline(pipelines, "slow", "echo waiting; sleep 300");
        pipelines.put("tailboard.pipelines.slow.timeout", "300ms");
        // The pause lets the server wait on the output before the exit, which is when the JDK cannot close it.
        pipeline(pipelines, "leaves-child", "sleep 300 & echo $! > \"$1\"; echo parent done; sleep 1", "leftover.pid");
        pipeline(pipelines, "env", "echo \"$myVar $MY_VAR $PWD\"");
        pipelines.put("tailboard.pipelines.env.env.myVar", "lower");
        pipelines.put("tailboard.pipelines.env.env.MY_VAR", "upper");
        pipelines.put("tailboard.pipelines.env.working-dir", temp.toString());
        pipeline(pipelines, "here", "pwd");
        pipeline(pipelines, "below", "pwd");
        pipelines.put("tailboard.pipelines.below.working-dir", "work");
        pipelines.put("tailboard.base-dir", Files.createDirectories(temp.resolve("project")).toString());
        Files.createDirectories(temp.resolve("project/work"));
        pipelines.put("tailboard.pipelines.missing.command", List.of(temp.resolve("no-such-tool").toString()));
        pipelines.put("tailboard.allowed-hosts", "ci.example.org");
        server = RunnerServer.start(logs, pipelines);
    }

    /** A pipeline running {@code script} in sh; each word after it is a file in the temp folder, passed as $1... */
    private static void pipeline(Map<String, Object> properties, String name, String script, String... files) {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", script, name));
        for (String file : files) {
            command.add(temp.resolve(file).toString());
        }
        properties.put("tailboard.pipelines." + name + ".command", command);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aRunIsReadableWhileItRunsAndEndsWithItsStatus() throws IOException {
        RunnerServer.Reply reply = server.post("/api/pipelines/gated/runs");
        assertEquals(201, reply.status(), reply.body());
        Job started = server.parse(reply.body(), Job.class);
        assertEquals(JobStatus.RUNNING, started.status());
        assertEquals(Optional.of("/jobs/" + started.id()), reply.location());
        assertTrue(started.id().startsWith("gated/"));

        assertEquals("first\n", server.awaitLog(started.id(), log -> log.equals("first\n")));
        assertEquals(JobStatus.RUNNING, server.job(started.id()).status());

        Files.createFile(temp.resolve("gate"));
        Job done = server.awaitStatus(started.id(), JobStatus.SUCCESS);
        assertEquals(0, done.exitCode());
        assertEquals("first\nsecond\n", server.log(started.id()));
        assertTrue(done.finishedAt() != null && done.startedAt() != null);
        assertFalse(Files.exists(logs.resolve("gated/." + started.jobId().name() + ".run")), "the lease is released");
    }

    @Test
    void theJobPageOfARunNamesItsPipelineSoThatItCanBeRunAgain() throws IOException {
        Job job = server.run("fails");
        assertTrue(server.get("/jobs/" + job.id()).body().contains("data-pipeline=\"fails\""));
        Files.createDirectories(logs.resolve("outside"));
        Files.writeString(logs.resolve("outside/fails.log"), "written by another tool\n");
        Files.createDirectories(logs.resolve("fails/7"));
        Files.writeString(logs.resolve("fails/7/1.log"), "not a run: too deep\n");
        for (String other : List.of("outside/fails", "fails/7/1")) {
            Await.until(other + " to be a job", () -> server.get("/api/jobs/" + other).status() == 200);
            assertFalse(server.get("/jobs/" + other).body().contains("data-pipeline"), other);
        }
    }

    @Test
    void aFailingRunIsFailedWithItsExitCode() {
        Job job = server.run("fails");
        Job done = server.awaitStatus(job.id(), JobStatus.FAILED);
        assertEquals(3, done.exitCode());
        assertNull(done.note());
        assertEquals("about to fail\n", server.log(job.id()));
    }

    @Test
    void stdoutAndStderrAreInTheOrderWritten() {
        Job job = server.run("interleaved");
        server.awaitStatus(job.id(), JobStatus.SUCCESS);
        assertEquals("out1\nerr1\nout2\nerr2\nout3\n", server.log(job.id()));
    }

    @Test
    void aSecretIsMaskedEvenWhenWrittenOneByteAtATime() throws IOException {
        Job job = server.run("secret");
        server.awaitStatus(job.id(), JobStatus.SUCCESS);
        assertEquals("token=***\ns3cr3t!\nagain ***\n", server.log(job.id()));
        String onDisk = Files.readString(logs.resolve(job.id() + ".log"));
        assertFalse(onDisk.contains("s3cr3t-"), onDisk);
    }

    @Test
    void cancelEndsTheProcessAndItsChildren() throws IOException {
        Job job = server.run("tree");
        server.awaitLog(job.id(), log -> log.contains("started"));
        long child = Long.parseLong(Files.readString(temp.resolve("child.pid")).trim());
        assertTrue(ProcessHandle.of(child).isPresent(), "the child runs before the cancel");

        RunnerServer.Reply cancel = server.post("/api/jobs/" + job.id() + "/cancel");
        assertEquals(202, cancel.status(), cancel.body());
        assertEquals(job.id(), server.parse(cancel.body(), Job.class).id());

        Job done = server.awaitStatus(job.id(), JobStatus.CANCELLED);
        assertTrue(done.exitCode() != null && done.finishedAt() != null);
        Await.until("child " + child + " to be gone", () -> ProcessHandle.of(child).isEmpty());
        assertEquals("started\n", server.log(job.id()));
        assertEquals(409, server.post("/api/jobs/" + job.id() + "/cancel").status());
    }

    @Test
    void cancelKillsProcessesThatIgnoreTheRequestToStop() throws IOException {
        Job job = server.run("stubborn");
        server.awaitLog(job.id(), log -> log.contains("started"));
        long child = Long.parseLong(Files.readString(temp.resolve("stubborn.pid")).trim());

        assertEquals(202, server.post("/api/jobs/" + job.id() + "/cancel").status());
        server.awaitStatus(job.id(), JobStatus.CANCELLED);
        Await.until("child " + child + " to be gone", () -> ProcessHandle.of(child).isEmpty());
    }

    @Test
    void aRunOverItsTimeoutIsEndedAndFailed() {
        Job job = server.run("slow");
        Job done = server.awaitStatus(job.id(), JobStatus.FAILED);
        assertEquals("timed out", done.note());
        assertEquals("waiting\n", server.log(job.id()));
    }

    @Test
    void aRunEndsWhenItsProcessExitsEvenIfABackgroundChildKeepsTheOutputOpen() throws IOException {
        Job job = server.run("leaves-child");
        try {
            Job done = server.awaitStatus(job.id(), JobStatus.SUCCESS);
            assertEquals(0, done.exitCode());
            assertEquals(Run.OUTPUT_LEFT_OPEN, done.note());
            assertEquals("parent done\n", server.log(job.id()));
        } finally {
            long leftover = Long.parseLong(Files.readString(temp.resolve("leftover.pid")).trim());
            ProcessHandle.of(leftover).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void environmentNamesKeepTheirCaseAndTheWorkingDirectoryIsUsed() throws IOException {
        Job job = server.run("env");
        server.awaitStatus(job.id(), JobStatus.SUCCESS);
        assertEquals("lower upper " + temp.toRealPath() + "\n", server.log(job.id()));
    }

    @Test
    void runsStartInTheBaseFolderAndARelativeWorkingDirIsTakenFromIt() throws IOException {
        Job here = server.run("here");
        Job below = server.run("below");
        server.awaitStatus(here.id(), JobStatus.SUCCESS);
        server.awaitStatus(below.id(), JobStatus.SUCCESS);
        assertEquals(temp.resolve("project").toRealPath() + "\n", server.log(here.id()));
        assertEquals(temp.resolve("project/work").toRealPath() + "\n", server.log(below.id()));
    }

    @Test
    void aCommandThatCannotStartMakesAFailedRunThatSaysWhy() {
        Job job = server.run("missing");
        Job done = server.awaitStatus(job.id(), JobStatus.FAILED);
        assertTrue(done.note().startsWith("could not start: "), done.note());
        assertEquals("", server.log(job.id()));
    }

    @Test
    void runsAreNumberedOneAfterAnother() {
        Job first = server.run("fails");
        Job second = server.run("fails");
        long a = Long.parseLong(first.jobId().name());
        assertEquals("fails/" + (a + 1), second.id());
    }

    @Test
    void pipelinesAreListedWithTheirCommands() {
        RunnerServer.Reply reply = server.get("/api/pipelines");
        assertEquals(200, reply.status());
        assertTrue(reply.body().contains("{\"name\":\"fails\",\"command\":[\"sh\",\"-c\",\"echo about to fail; exit 3\",\"fails\"]}"),
                reply.body());
        assertFalse(reply.body().contains("demo-build"), "the demo is off");
    }

    @Test
    void anUnknownPipelineIsNotFound() {
        RunnerServer.Reply reply = server.post("/api/pipelines/nope/runs");
        assertEquals(404, reply.status());
        assertEquals("{\"error\":\"no pipeline 'nope'\"}", reply.body());
    }

    @Test
    void cancelOfAnUnknownJobIsNotFoundAndOfAJobNotRunByThisServerAConflict() throws IOException {
        assertEquals(404, server.post("/api/jobs/nobody/1/cancel").status());
        Files.createDirectories(logs.resolve("outside"));
        Files.writeString(logs.resolve("outside/build.log"), "written by another tool\n");
        RunnerServer.Reply reply = server.post("/api/jobs/outside/build/cancel");
        assertEquals(409, reply.status());
        assertTrue(reply.body().startsWith("{\"error\":"), reply.body());
        assertEquals(400, server.post("/api/jobs/..%2Fetc/cancel").status());
    }

    @Test
    void crossOriginRequestsAreRefused() {
        RunnerServer.Reply run = server.postAs("/api/pipelines/fails/runs", "ci.example.org", "http://evil.example");
        assertEquals(403, run.status());
        assertTrue(run.body().startsWith("{\"error\":\"cross-origin request refused"), run.body());
        RunnerServer.Reply cancel = server.postAs("/api/jobs/fails/1/cancel", "ci.example.org", "https://evil.example");
        assertEquals(403, cancel.status());

        RunnerServer.Reply toLocalhost = server.post("/api/pipelines/fails/runs", "Origin", "http://evil.example");
        assertEquals(403, toLocalhost.status());
        assertTrue(toLocalhost.body().startsWith("{\"error\":"), toLocalhost.body());
        RunnerServer.Reply otherPort = server.post("/api/pipelines/fails/runs", "Origin", "http://localhost:1");
        assertEquals(403, otherPort.status());
        assertTrue(otherPort.body().startsWith("{\"error\":"), otherPort.body());
    }

    @Test
    void requestsFromThisServersOwnPagesAreAllowed() {
        assertEquals(201, server.postAs("/api/pipelines/fails/runs", "ci.example.org", "http://ci.example.org").status());
        assertEquals(201, server.postAs("/api/pipelines/fails/runs", "ci.example.org:8443", "https://CI.example.org:8443").status());
    }
}
