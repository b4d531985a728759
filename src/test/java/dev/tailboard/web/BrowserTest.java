package dev.tailboard.web;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/** Pages in a real browser: one server over a temporary logs folder, and one headless Chromium, for all tests of a class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("dev.tailboard.web.Browser#available")
abstract class BrowserTest {

    protected LogFolder logs;
    protected TestServer server;
    protected Browser browser;

    /** The server's settings; may first write what the server should find when it starts into {@link #logs}. */
    protected Map<String, Object> settings() throws IOException {
        return Map.of("tailboard.retry", "200ms");
    }

    @BeforeAll
    void startServerAndBrowser() throws IOException {
        logs = new LogFolder(Files.createTempDirectory("tailboard-browser"));
        server = TestServer.start(logs.root(), settings());
        browser = new Browser();
    }

    @AfterAll
    void stopServerAndBrowser() {
        browser.close();
        server.close();
        FileUtils.deleteQuietly(logs.root().toFile());
    }
}
