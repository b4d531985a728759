package dev.tailboard.web;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The log viewer stays open while the server stops and a new one starts on the same port and logs folder. */
@EnabledIf("dev.tailboard.web.Browser#available")
class LogViewerRestartBrowserTest {

    private final Logs logs = Logs.inTempFolder();
    private final int port = freePort();
    private final Browser browser = new Browser();
    private EmbeddedServer server;

    @AfterEach
    void stop() {
        browser.close();
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    private void startServer() {
        // the port was just released: binding may fail for a moment
        server = Eventually.until(() -> ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", String.valueOf(port),
                "tailboard.logs-dir", logs.root().toString(),
                "tailboard.demo.enabled", "false",
                "tailboard.retry", "200ms")));
    }

    @Test
    void showsReconnectingThenGoesOnWithNoLineLostOrDoubled() {
        logs.running("nightly");
        logs.write("nightly", Logs.numbered(1, 50));
        startServer();
        browser.recordLiveLines();
        browser.open(server.getURL() + "/jobs/nightly");
        browser.until(d -> "live".equals(browser.one("#conn").getText()));
        logs.append("nightly", Logs.numbered(51, 60));
        browser.until(d -> browser.inView(60));

        server.getApplicationContext().close();
        browser.until(d -> "reconnecting…".equals(browser.one("#conn").getText()));
        logs.append("nightly", Logs.numbered(61, 80));
        startServer();

        browser.until(d -> browser.inView(80));
        browser.until(d -> "live".equals(browser.one("#conn").getText()));
        logs.append("nightly", Logs.numbered(81, 90));
        logs.finished("nightly", "success", 0);
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
