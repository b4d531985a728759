package dev.tailboard.web;

import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard in a real browser, kept live by /api/events, with a configured pipeline to run. */
class DashboardBrowserTest extends BrowserTest {

    @Override
    protected Map<String, Object> settings() {
        return Map.of("tailboard.pipelines.hello.command", List.of("sh", "-c", "echo hello from the pipeline"),
                "tailboard.retry", "200ms");
    }

    private String badge(String id) {
        return (String) browser.js("const row = document.querySelector(`tr[data-id='${arguments[0]}'] .badge`);"
                + "return row ? row.className + ' ' + row.textContent : null;", id);
    }

    @Test
    void badgesAndRowsFollowTheLogsFolder() {
        logs.sidecar("web/1", "{\"status\": \"queued\"}");
        logs.append("web/1", "");
        browser.open(server.uri("/").toString());
        browser.until(d -> "badge status-queued ◌queued".equals(badge("web/1")));
        browser.until(d -> "live".equals(browser.one("#conn").getText()));

        logs.sidecar("web/1", LogViewerBrowserTest.RUNNING);
        logs.append("web/1", "building\n");
        browser.until(d -> "badge status-running ●running".equals(badge("web/1")));

        logs.sidecar("web/1", "{\"status\": \"failed\", \"exitCode\": 1, \"startedAt\": \"2025-01-01T10:00:00Z\","
                + " \"finishedAt\": \"2025-01-01T10:02:05Z\"}");
        browser.until(d -> "badge status-failed ✗failed".equals(badge("web/1")));
        assertEquals("2m 5s", browser.js("return document.querySelector(`tr[data-id='web/1'] [data-field=duration]`).textContent"));

        logs.sidecar("web/2", "{\"status\": \"success\", \"title\": \"Deploy <prod>\"}");
        logs.append("web/2", "deployed\n");
        browser.until(d -> "badge status-success ✓success".equals(badge("web/2")));
        assertEquals("Deploy <prod>", browser.js("return document.querySelector(`tr[data-id='web/2'] .job-name`).textContent"));
        assertEquals("web/2", browser.js("return document.querySelector('#jobs tbody tr.job').dataset.id"),
                "the most recently updated job comes first");
        browser.screenshot(Path.of("/tmp/tailboard-dashboard.png"));

        deleteQuietly(logs.log("web/2"));
        browser.until(d -> badge("web/2") == null);
        assertTrue(badge("web/1") != null);
    }

    @Test
    void runsAConfiguredPipelineAndOpensItsLog() {
        browser.open(server.uri("/").toString());
        browser.until(d -> browser.one("#pipelines").isDisplayed());

        browser.one("#pipelines button.run").click();

        browser.until(d -> d.getCurrentUrl().matches(".*/jobs/hello/\\d+$"));
        browser.until(d -> browser.one("#conn").getText().equals("ended: success (exit 0)"));
        assertEquals("hello from the pipeline", browser.lineText(1));
    }

    @Test
    void hidesRunButtonsWhenNoPipelineIsConfigured(@TempDir Path other) {
        try (TestServer plain = TestServer.start(other)) {
            browser.open(plain.uri("/").toString());
            browser.until(d -> browser.js("return performance.getEntriesByName(location.origin + '/api/pipelines')[0]") != null);
            browser.asyncJs("const done = arguments[arguments.length - 1]; setTimeout(() => requestAnimationFrame(done), 50)");
            assertTrue(browser.all("#pipelines button").isEmpty());
            assertTrue(!browser.one("#pipelines").isDisplayed());
            assertTrue(browser.one("#empty").isDisplayed(), "an empty logs folder says how to add a job");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.delete(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
