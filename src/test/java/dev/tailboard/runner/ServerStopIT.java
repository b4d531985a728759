package dev.tailboard.runner;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.JarServer;
import dev.tailboard.testing.ServerProcess;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real jar stopped as a terminal stops it: a signal to its whole process group (Ctrl+C is {@code SIGINT} to
 * the foreground group; {@code kill -- -PGID} sends {@code SIGTERM}). The runs it had going end with the note
 * that says why, and none of their processes is left behind.
 */
class ServerStopIT {

    @TempDir
    Path base;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalToTheProcessGroupEndsRunsWithTheServerStoppedNote(String signal) throws Exception {
        Path logs = base.resolve("logs");
        Path pidFile = base.resolve("run.pid");
        int port = JarServer.freePort();
        try (ServerProcess server = JarServer.start(logs, port, base.resolve("server.out"), 0,
                "tailboard.pipelines.sleepy.command=sh,-c,echo $$ > " + pidFile + "; echo started; sleep 300")) {
            HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/pipelines/sleepy/runs"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, started.statusCode(), started.body());
            Path log = logs.resolve("sleepy/1.log");
            Await.until("the run to start", () -> read(log).contains("started"));
            long pid = Long.parseLong(read(pidFile).trim());

            server.signalGroup(signal);
            server.awaitExit();

            Map<String, Object> sidecar = JsonMapper.createDefault().readValue(read(logs.resolve("sleepy/1.json")),
                    Argument.mapOf(String.class, Object.class));
            assertEquals("failed", sidecar.get("status"), server.output());
            assertEquals(Run.Ending.SERVER_STOPPED.note, sidecar.get("note"), server.output());
            Await.until("the run's process to be gone", () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (Exception e) {
            return "";
        }
    }
}
