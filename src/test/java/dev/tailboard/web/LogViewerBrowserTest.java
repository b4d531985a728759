package dev.tailboard.web;

import dev.tailboard.testing.LogFolder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoAlertPresentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log viewer in a real browser; one server and one browser for all tests, each test with its own job. */
class LogViewerBrowserTest extends BrowserTest {

    static final String RUNNING = "{\"status\": \"running\", \"startedAt\": \"2025-01-01T10:00:00Z\"}";

    private void openJob(String id) {
        openJob(id, "");
    }

    private void openJob(String id, String hash) {
        browser.open(server.uri("/jobs/" + id + hash).toString());
    }

    static byte[] fixture(String name) {
        try (InputStream in = LogViewerBrowserTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void appendedLinesAppearLive() {
        logs.append("live/1", LogFolder.lines("line ", 1, 3));
        logs.sidecar("live/1", RUNNING);
        openJob("live/1");
        browser.until(d -> "line 3".equals(browser.lineText(3)));
        browser.until(d -> "live".equals(browser.one("#conn").getText()));

        logs.append("live/1", LogFolder.lines("line ", 4, 3));

        browser.until(d -> "line 6".equals(browser.lineText(6)));
        assertEquals("6 lines", browser.one("#line-count").getText());
        assertEquals("● live/1 · tailboard", browser.driver.getTitle());

        logs.finish("live/1", "success", 0);

        browser.until(d -> "ended: success (exit 0)".equals(browser.one("#conn").getText()));
        browser.until(d -> "✓ live/1 · tailboard".equals(browser.driver.getTitle()));
        assertEquals("badge status-success", browser.one("#job-badge").getAttribute("class"));
        assertEquals("0", browser.one("[data-fact=exit] dd").getText());
    }

    @Test
    void liveLinesFollowTheRenderedOnesWithoutGapOrDuplicate() {
        logs.append("boundary", LogFolder.lines("line ", 1, 700));
        logs.sidecar("boundary", RUNNING);
        browser.recordLiveLines();
        openJob("boundary");
        browser.until(d -> browser.inView(700));
        assertEquals("line 201", browser.js("return JSON.parse(document.getElementById('log-data').textContent).lines[0]"));

        logs.append("boundary", LogFolder.lines("line ", 701, 60));
        browser.until(d -> browser.inView(760));

        java.util.SortedMap<Long, String> seen = browser.collectLines(201);
        assertEquals(560, seen.size(), "lines 201-760, each once");
        seen.forEach((line, text) -> assertEquals("line " + line, text));
        assertEquals(201L, seen.firstKey());
        assertEquals(760L, seen.lastKey());
        assertEquals(0, browser.pollingRequests(), "every line came from the page or the live stream");
        assertEquals(java.util.stream.LongStream.rangeClosed(701, 760).boxed().toList(), browser.liveLines(),
                "the stream starts right after the rendered lines");
        assertEquals("760 lines", browser.one("#line-count").getText());
    }

    @Test
    void earlierLinesLoadWhenScrolledTo() {
        logs.finish("long", "success", 0);
        logs.append("long", LogFolder.lines("line ", 1, 1200));
        openJob("long");
        browser.until(d -> browser.inView(1200));
        assertEquals(0, browser.pollingRequests());

        browser.js("document.getElementById('log').scrollTop = 0");

        browser.until(d -> "line 1".equals(browser.lineText(1)) && browser.inView(1));
        assertEquals("line 20", browser.lineText(20));
        assertTrue(browser.pollingRequests() > 0);
    }

    @Test
    void logTextIsNeverMarkup() {
        String attack = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        logs.append("xss", "before\n" + attack + "\nafter\n");
        logs.finish("xss", "success", 0);
        openJob("xss");
        browser.until(d -> "after".equals(browser.lineText(3)));

        assertEquals(attack, browser.lineText(2));
        assertTrue(browser.all("#log img, #log script").isEmpty());
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
    }

    @Test
    void ansiColoursAreRenderedNotShown() {
        logs.append("ansi", "plain\n\u001b[31mred alert\u001b[0m and default\n\u001b[1;38;2;0;128;255mtrue blue\u001b[m\n");
        logs.finish("ansi", "failed", 1);
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
        logs.append("links", LogFolder.lines("line ", 1, 300));
        logs.finish("links", "success", 0);
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
    void followPausesWhenScrolledUpAndResumesAtTheBottom() {
        logs.append("follow", LogFolder.lines("line ", 1, 200));
        logs.sidecar("follow", RUNNING);
        openJob("follow");
        browser.until(d -> browser.inView(200));
        assertEquals("true", browser.one("#follow").getAttribute("aria-pressed"));

        browser.js("document.getElementById('log').scrollTop = 0");
        browser.until(d -> "false".equals(browser.one("#follow").getAttribute("aria-pressed")));
        logs.append("follow", LogFolder.lines("line ", 201, 10));
        browser.until(d -> "210 lines".equals(browser.one("#line-count").getText()));
        assertTrue(browser.inView(1));
        assertFalse(browser.inView(210));

        browser.js("const log = document.getElementById('log'); log.scrollTop = log.scrollHeight");
        browser.until(d -> "true".equals(browser.one("#follow").getAttribute("aria-pressed")));
        logs.append("follow", LogFolder.lines("line ", 211, 5));
        browser.until(d -> browser.inView(215));

        browser.js("document.getElementById('log').scrollTop = 0");
        browser.until(d -> "false".equals(browser.one("#follow").getAttribute("aria-pressed")));
        browser.one("#follow").click();
        browser.until(d -> browser.inView(215));
        assertEquals("true", browser.one("#follow").getAttribute("aria-pressed"));
    }

    @Test
    void theNewestLineStaysInViewWhenALongLineBringsAScrollBar() {
        logs.sidecar("wide", RUNNING);
        logs.append("wide", LogFolder.lines("line ", 1, 100));
        openJob("wide");
        browser.until(d -> browser.inView(100));

        logs.append("wide", "x".repeat(400) + "\n" + "last\n");

        browser.until(d -> "last".equals(browser.lineText(102)));
        browser.until(d -> browser.inView(102));
        assertTrue((Boolean) browser.js("const log = document.getElementById('log'); return log.scrollWidth > log.clientWidth"));
    }

    @Test
    void searchFindsMatchesOffScreenAndSteps() {
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= 400; n++) {
            text.append(n == 7 || n == 120 ? "the \u001b[1mNeedle\u001b[0m is here" : "line " + n).append('\n');
        }
        logs.append("haystack", text.toString());
        logs.finish("haystack", "success", 0);
        openJob("haystack");
        browser.until(d -> browser.inView(400));

        browser.one("#search-input").sendKeys("needle\n");
        browser.until(d -> "1 of 2 lines".equals(browser.one("#search-count").getText()));
        browser.until(d -> browser.inView(7));
        assertEquals("Needle", browser.js("return document.querySelector(`.line.match-current[data-line='7'] mark`).textContent"));

        browser.one("#search-input").sendKeys("\n");
        browser.until(d -> "2 of 2 lines".equals(browser.one("#search-count").getText()) && browser.inView(120));
        browser.screenshot(Path.of("/tmp/tailboard-search.png"));
        browser.one("#search-input").sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.SHIFT, "\n"));
        browser.until(d -> "1 of 2 lines".equals(browser.one("#search-count").getText()) && browser.inView(7));

        browser.one("#search-input").sendKeys(org.openqa.selenium.Keys.ESCAPE);
        browser.until(d -> browser.all(".log-rows mark").isEmpty());
    }

    @Test
    void groupsFoldAndShowTheirDurations() {
        logs.append("gitlab/7", fixture("gitlab-sections.log"));
        logs.finish("gitlab/7", "failed", 1);
        openJob("gitlab/7");
        browser.until(d -> browser.lineText(5) != null);

        assertEquals("Preparing environment", browser.lineText(2));
        assertEquals("4s", browser.js("return document.querySelector(`.line.group[data-line='2'] .duration`).textContent"));
        assertEquals("37s", browser.js("return document.querySelector(`.line.group[data-line='5'] .duration`).textContent"));
        assertTrue(browser.all(".log-rows .line[data-line='4']").isEmpty(), "section_end is not shown");

        browser.one(".line[data-line='5'] .fold").click();
        browser.until(d -> browser.all(".log-rows .line[data-line='9']").isEmpty());
        assertNull(browser.lineText(13));
        assertEquals("ERROR: Job failed: exit code 1", browser.lineText(15));
        browser.one(".line[data-line='5'] .lt").click();
        browser.until(d -> "FAIL src/cart.test.js".equals(browser.lineText(9)));
    }

    @Test
    void githubGroupsAnnotationsAndProgressLines() {
        logs.append("gha/3", fixture("github-actions-groups.log"));
        logs.append("curl", fixture("curl-progress.log"));
        logs.finish("gha/3", "failed", 1);
        logs.finish("curl", "success", 0);
        openJob("gha/3");
        browser.until(d -> browser.lineText(16) != null);

        assertEquals("Set up job", browser.lineText(2));
        assertEquals("Checkout", browser.lineText(6));
        assertEquals("Receiving objects: 100% (1000/1000), done.", browser.lineText(8));
        assertTrue(browser.all(".log-rows .line[data-line='5'], .log-rows .line[data-line='9']").isEmpty());
        assertEquals(1, browser.all(".log-rows .line.annotation-error[data-line='15']").size());
        browser.screenshot(Path.of("/tmp/tailboard-groups.png"));

        openJob("curl");
        browser.until(d -> browser.lineText(1) != null);
        assertEquals("#".repeat(72) + " 100.0%", browser.lineText(1));
    }

    @Test
    void aFailedMavenBuildReadsWellInBothThemes() {
        logs.sidecar("checkout-service/128", "{\"status\": \"failed\", \"exitCode\": 1, \"title\": \"checkout-service · mvn verify\","
                + " \"startedAt\": \"2025-01-01T10:00:00Z\", \"finishedAt\": \"2025-01-01T10:01:04Z\"}");
        logs.append("checkout-service/128", fixture("maven-test-failure.log"));
        openJob("checkout-service/128");
        browser.until(d -> "ended: failed (exit 1)".equals(browser.one("#conn").getText()));

        assertEquals("✗failed", browser.one("#job-badge").getText().replace("\n", "").replace(" ", ""));
        assertEquals("checkout-service · mvn verify", browser.one(".job-title h1").getText());
        assertEquals("✗ checkout-service · mvn verify · tailboard", browser.driver.getTitle());
        assertEquals("1m 4s", browser.one("[data-fact=duration] dd").getText());
        assertEquals("115 lines", browser.one("#line-count").getText());
        // a failed job opens at its first error; the end of the log is one click away
        browser.until(d -> browser.one(".log-rows .line.error-current") != null);
        browser.one("#follow").click();
        browser.until(d -> browser.inView(115));
        assertEquals("[ERROR] BUILD FAILURE", browser.lineText(99).replace("INFO", "ERROR"));
        assertEquals("f1 b", browser.js("return document.querySelector(`.line[data-line='91'] .lt span:nth-of-type(2)`).className"));
        browser.screenshot(Path.of("/tmp/tailboard-log-viewer.png"));

        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        String background = (String) browser.js("return getComputedStyle(document.getElementById('log')).backgroundColor");
        assertEquals("rgb(11, 15, 20)", background, "the dark theme follows the system setting");
        browser.screenshot(Path.of("/tmp/tailboard-log-viewer-dark.png"));
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

}
