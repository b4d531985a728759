package dev.tailboard.web;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The log viewer stays open while the server stops and a new one starts on the same port and logs folder. */
@EnabledIf("dev.tailboard.web.Browser#available")
class LogViewerRestartBrowserTest {

    @TempDir
    Path dir;
    private LogFolder logs;
    private final int port = freePort();
    private final Browser browser = new Browser();
    private TestServer server;

    @AfterEach
    void stop() {
        browser.close();
        if (server != null) {
            server.close();
        }
    }

    private void startServer() {
        // the port was just released: binding may fail for a moment
        server = Await.value("a server on port " + port,
                () -> TestServer.start(dir, Map.of("micronaut.server.port", port, "tailboard.retry", "200ms")));
    }

    @Test
    void showsReconnectingThenGoesOnWithNoLineLostOrDoubled() {
        logs = new LogFolder(dir);
        logs.sidecar("nightly", LogViewerBrowserTest.RUNNING);
        logs.append("nightly", LogFolder.lines("line ", 1, 50));
        startServer();
        browser.recordLiveLines();
        browser.open(server.uri("/jobs/nightly").toString());
        browser.until(d -> "live".equals(browser.one("#conn").getText()));
        logs.append("nightly", LogFolder.lines("line ", 51, 10));
        browser.until(d -> browser.inView(60));

        server.close();
        browser.until(d -> "reconnecting…".equals(browser.one("#conn").getText()));
        logs.append("nightly", LogFolder.lines("line ", 61, 20));
        startServer();

        browser.until(d -> browser.inView(80));
        browser.until(d -> "live".equals(browser.one("#conn").getText()));
        logs.append("nightly", LogFolder.lines("line ", 81, 10));
        logs.finish("nightly", "success", 0);
        browser.until(d -> "ended: success (exit 0)".equals(browser.one("#conn").getText()));
        browser.until(d -> browser.inView(90));

        assertEquals(LongStream.rangeClosed(51, 90).boxed().toList(), browser.liveLines(), "each line once, in order");
        SortedMap<Long, String> seen = browser.collectLines(1);
        assertEquals(90, seen.size());
        seen.forEach((line, text) -> assertEquals("line " + line, text));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
