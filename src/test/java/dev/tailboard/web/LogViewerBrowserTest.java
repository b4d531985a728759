package dev.tailboard.web;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.NoAlertPresentException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("dev.tailboard.web.Browser#available")
class LogViewerBrowserTest implements TestPropertyProvider {

    private final Logs logs = Logs.inTempFolder();
    private Browser browser;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("tailboard.logs-dir", logs.root().toString(), "tailboard.demo.enabled", "false", "micronaut.server.port", "-1",
                "tailboard.retry", "200ms");
    }

    @BeforeAll
    void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    void stopBrowser() {
        browser.close();
    }

    private void openJob(String id) {
        browser.open(server.getURL() + "/jobs/" + id);
    }

    private void openJob(String id, String hash) {
        browser.open(server.getURL() + "/jobs/" + id + hash);
    }

    @Test
    void appendedLinesAppearLive() {
        logs.write("live/1", Logs.numbered(1, 3));
        logs.running("live/1");
        openJob("live/1");
        browser.until(d -> "line 3".equals(browser.lineText(3)));
        browser.until(d -> "live".equals(browser.one("#conn").getText()));

        logs.append("live/1", Logs.numbered(4, 6));

        browser.until(d -> "line 6".equals(browser.lineText(6)));
        assertEquals("6 lines", browser.one("#line-count").getText());
    }

    @Test
    void logTextIsNeverMarkup() {
        String attack = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        logs.write("xss", "before\n" + attack + "\nafter\n");
        logs.finished("xss", "success", 0);
        openJob("xss");
        browser.until(d -> "after".equals(browser.lineText(3)));

        assertEquals(attack, browser.lineText(2));
        assertTrue(browser.all("#log img, #log script").isEmpty());
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
    }

    @Test
    void ansiColoursAreRenderedNotShown() {
        logs.write("ansi", "plain\n\u001b[31mred alert\u001b[0m and default\n\u001b[1;38;2;0;128;255mtrue blue\u001b[m\n");
        logs.finished("ansi", "failed", 1);
        openJob("ansi");
        browser.until(d -> browser.lineText(3) != null);

        assertEquals("red alert and default", browser.lineText(2));
        assertEquals(List.of("red alert", "f1", "rgb(207, 34, 46)", "400"), firstSpan(2));
        assertEquals(List.of("true blue", "b", "rgb(0, 128, 255)", "700"), firstSpan(3));
        String all = (String) browser.js("return document.getElementById('log').textContent");
        assertFalse(all.contains("\u001b") || all.contains("[31m") || all.contains("[0m"), all);
    }

    /** Text, class, colour and weight of the first styled piece of line n. */
    private List<?> firstSpan(long n) {
        return (List<?>) browser.js("const span = document.querySelector(`.line[data-line='${arguments[0]}'] .lt span`);"
                + "const style = getComputedStyle(span);"
                + "return [span.textContent, span.className, style.color, style.fontWeight];", n);
    }

    @Test
    void lineLinkHighlightsARenderedLine() {
        logs.write("links", Logs.numbered(1, 300));
        logs.finished("links", "success", 0);
        openJob("links", "#L42");
        browser.until(d -> Long.valueOf(42).equals(browser.highlightedLine()));
        browser.until(d -> browser.inView(42));
        assertEquals("false", browser.one("#follow").getAttribute("aria-pressed"));

        browser.one(".line[data-line='45'] .ln").click();
        browser.until(d -> Long.valueOf(45).equals(browser.highlightedLine()));
        assertTrue(browser.driver.getCurrentUrl().endsWith("#L45"));
        assertTrue(browser.inView(45));
    }

    @Test
    void screenshotOfAFailedMavenBuild() {
        logs.copyFixture("maven-test-failure.log", "checkout-service/128");
        logs.status("checkout-service/128", "{\"status\": \"failed\", \"exitCode\": 1, \"title\": \"checkout-service · mvn verify\","
                + " \"startedAt\": \"2025-01-01T10:00:00Z\", \"finishedAt\": \"2025-01-01T10:01:04Z\"}");
        openJob("checkout-service/128");
        browser.until(d -> browser.one("#conn").getText().startsWith("ended"));
        browser.screenshot(Path.of("/tmp/tailboard-log-viewer.png"));
    }

}
