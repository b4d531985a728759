package dev.tailboard.hardening;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.JarServer;
import dev.tailboard.testing.ServerProcess;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.SseClient;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

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
    final JsonMapper json = JsonMapper.createDefault();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyViewerEndsWithEveryLineExactlyOnceAcrossAKill() throws Exception {
        Path logs = base.resolve("logs");
        LogFolder folder = new LogFolder(logs);
        folder.append("nightly", new byte[0]).sidecar("nightly", "{\"status\":\"running\"}");
        int port = JarServer.freePort();
        URI uri = URI.create("http://localhost:" + port);
        server = JarServer.start(logs, port, base.resolve("first.out"), 0);

        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            for (int i = 1; i <= LINES; i++) {
                folder.append("nightly", "line " + i + "\n");
                written.set(i);
                if (i % 20 == 0) {
                    LockSupport.parkNanos(Duration.ofMillis(1).toNanos()); // the pace of a busy build, not a wait
                }
            }
            folder.finish("nightly", "success", 0);
        }, "build-writer");

        List<ResumingViewer> viewers = new ArrayList<>();
        for (int i = 0; i < VIEWERS; i++) {
            viewers.add(new ResumingViewer(uri.resolve("/api/jobs/nightly/events")));
        }
        viewers.forEach(ResumingViewer::start);
        writer.start();
        Await.until("every viewer to be following", DEADLINE, () -> viewers.stream().allMatch(v -> v.received.get() > 0));
        Await.until("a good part of the log to be written", DEADLINE, () -> written.get() > LINES / 4);

        server.close();
        long atKill = written.get();
        server = JarServer.start(logs, port, base.resolve("second.out"), 0);

        writer.join(DEADLINE.toMillis());
        Await.until("every viewer to reach the end", DEADLINE,
                () -> viewers.stream().allMatch(v -> v.ended || v.failure != null));
        for (ResumingViewer viewer : viewers) {
            viewer.join(DEADLINE.toMillis());
            assertNull(viewer.failure, () -> "a viewer failed: " + viewer.failure);
            assertEquals(LINES, viewer.received.get(), "every line exactly once");
            assertTrue(viewer.reconnects >= 1, "the viewer was cut off by the kill and came back");
        }
        System.out.printf("figure: kill -9 at line %,d of %,d; %d viewers reconnected with Last-Event-ID, each ended with "
                + "all %,d lines exactly once%n", atKill, LINES, VIEWERS, LINES);
    }

    /** A viewer as EventSource is one: on a lost connection it comes back with the last id it saw. */
    final class ResumingViewer extends Thread {
        final URI uri;
        final AtomicLong received = new AtomicLong();
        volatile boolean ended;
        volatile Throwable failure;
        int reconnects;
        String lastId;

        ResumingViewer(URI uri) {
            super("resuming-viewer");
            this.uri = uri;
            setDaemon(true);
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + 3 * DEADLINE.toNanos();
            try {
                while (!ended && System.nanoTime() < deadline) {
                    follow();
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        private void follow() throws InterruptedException {
            Map<String, String> headers = lastId == null ? Map.of() : Map.of("Last-Event-ID", lastId);
            try (SseClient client = SseClient.connect(http, uri, headers)) {
                if (client.status() == 204) {
                    ended = true;
                    return;
                }
                assertEquals(200, client.status());
                for (SseClient.Event event = client.next(); !SseClient.isEnd(event); event = client.next()) {
                    take(event);
                    if (ended) {
                        return;
                    }
                }
            } catch (IOException e) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // EventSource's retry delay, not a wait
            }
            reconnects++;
        }

        private void take(SseClient.Event event) throws IOException {
            switch (event.event()) {
                case "log" -> {
                    Map<String, Object> data = json.readValue(event.data(), Argument.mapOf(String.class, Object.class));
                    long line = ((Number) data.get("line")).longValue();
                    assertEquals(received.get() + 1, line, "the next line, none lost, none twice");
                    @SuppressWarnings("unchecked")
                    List<String> lines = (List<String>) data.get("lines");
                    for (String text : lines) {
                        assertEquals("line " + received.incrementAndGet(), text);
                    }
                    lastId = event.id();
                }
                case "end" -> ended = true;
                case "reset" -> throw new AssertionError("a reset: the log was never replaced");
                default -> { }
            }
        }
    }
}
