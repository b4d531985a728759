package dev.tailboard.runner;

import dev.tailboard.jobs.Job;
import dev.tailboard.jobs.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo: real runs of {@link DemoBuild}, played without its pauses. */
class DemoTest {

    private static final Map<String, Object> DEMO = Map.of("tailboard.demo.enabled", true, "tailboard.demo.pace", 0);

    @TempDir
    Path logs;

    @Test
    void anEmptyLogsFolderGetsAGreenAndARedDemoBuild() {
        try (RunnerServer server = RunnerServer.start(logs, DEMO)) {
            Job green = server.awaitStatus("demo-build/1", JobStatus.SUCCESS);
            assertEquals(0, green.exitCode());
            String log = server.log("demo-build/1");
            assertTrue(log.contains("::group::Compile\n"), "groups");
            assertTrue(log.contains("::endgroup::\n"), "groups end");
            assertTrue(log.contains("\u001b[1;32mBUILD SUCCESS\u001b[m"), "colours");
            assertTrue(log.contains("[###                 ] 15%\r"), "a progress bar rewritten with \\r");
            assertTrue(log.contains("::warning file="), "warnings");
            assertTrue(log.contains("Tests run: 128, Failures: 0, Errors: 0, Skipped: 2"), "a test summary");

            Job red = server.awaitStatus("demo-failing/1", JobStatus.FAILED);
            assertEquals(1, red.exitCode());
            String failing = server.log("demo-failing/1");
            assertTrue(failing.contains("\u001b[1;31mBUILD FAILURE\u001b[m"), failing);
            assertTrue(failing.contains("expected: <2> but was: <3>"), failing);

            String pipelines = server.get("/api/pipelines").body();
            assertTrue(pipelines.contains("{\"name\":\"demo-build\""), pipelines);
            assertTrue(pipelines.contains("{\"name\":\"demo-failing\""), pipelines);
            assertEquals("demo-build/2", server.run("demo-build").id(), "the demo can be run again");
        }
    }

    @Test
    void aLogsFolderWithJobsGetsNoDemoRunButCanRunTheDemo() throws IOException {
        Files.writeString(logs.resolve("existing.log"), "a build\n");
        try (RunnerServer server = RunnerServer.start(logs, DEMO)) {
            assertEquals(404, server.get("/api/jobs/demo-build/1").status());
            assertTrue(server.get("/api/pipelines").body().contains("demo-build"));
        }
        assertTrue(Files.notExists(logs.resolve("demo-build")));
    }

    @Test
    void theDemoCanBeTurnedOff() {
        try (RunnerServer server = RunnerServer.start(logs, Map.of("tailboard.demo.enabled", false))) {
            assertEquals("[]", server.get("/api/pipelines").body());
            assertEquals(404, server.post("/api/pipelines/demo-build/runs").status());
        }
        assertTrue(Files.notExists(logs.resolve("demo-build")));
    }
}
