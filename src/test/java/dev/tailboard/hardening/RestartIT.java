package dev.tailboard.hardening;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.BuildWriter;
import dev.tailboard.testing.JarServer;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.ResumingViewer;
import dev.tailboard.testing.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real {@code target/tailboard.jar} in its own process, killed with {@code kill -9} while 50 viewers follow
 * a log that is being written, then started again on the same folder and port: every viewer resumes with its
 * last event id and ends with every line exactly once.
 */
class RestartIT {

    static final int LINES = 20_000;
    static final int VIEWERS = 50;
    static final Duration DEADLINE = JarServer.DEADLINE;

    @TempDir
    Path base;
    ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyViewerEndsWithEveryLineExactlyOnceAcrossAKill() throws Exception {
        Path logs = base.resolve("logs");
        // held a quarter in until the server is killed, so that no viewer can have the whole log before the kill
        BuildWriter writer = new BuildWriter(new LogFolder(logs), "nightly", LINES).holdAfter(LINES / 4);
        int port = JarServer.freePort();
        URI uri = URI.create("http://localhost:" + port);
        server = JarServer.start(logs, port, base.resolve("first.out"), 0);

        List<ResumingViewer> viewers = new ArrayList<>();
        for (int i = 0; i < VIEWERS; i++) {
            viewers.add(new ResumingViewer(uri.resolve("/api/jobs/nightly/events")));
        }
        viewers.forEach(ResumingViewer::start);
        writer.start();
        Await.until("every viewer to be following", DEADLINE, () -> viewers.stream().allMatch(v -> v.received.get() > 0));
        Await.until("a quarter of the log to be written", DEADLINE, () -> writer.written.get() == LINES / 4);

        server.close();
        long atKill = writer.written.get();
        server = JarServer.start(logs, port, base.resolve("second.out"), 0);
        writer.release();

        writer.join(DEADLINE.toMillis());
        Await.until("every viewer to reach the end", DEADLINE, () -> viewers.stream().allMatch(ResumingViewer::done));
        for (ResumingViewer viewer : viewers) {
            viewer.join(DEADLINE.toMillis());
            assertNull(viewer.failure, () -> "a viewer failed: " + viewer.failure);
            assertEquals(LINES, viewer.received.get(), "every line exactly once");
            assertTrue(viewer.reconnects >= 1, "the viewer was cut off by the kill and came back");
        }
        System.out.printf("figure: kill -9 at line %,d of %,d; %d viewers reconnected with Last-Event-ID, each ended with "
                + "all %,d lines exactly once%n", atKill, LINES, VIEWERS, LINES);
    }
}
