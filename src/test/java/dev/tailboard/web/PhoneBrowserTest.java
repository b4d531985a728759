package dev.tailboard.web;

import dev.tailboard.testing.LogFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages on a phone, 390 px wide: nothing wider than the screen but the log's own lines, rows kept short. */
class PhoneBrowserTest extends BrowserTest {

    static final int WIDTH = 390;
    static final String NOTE = "server stopped during the run; the deploy lock was still held by another job, "
            + "so the next run will wait until it is released, which can take a while on busy days";

    @Override
    protected Map<String, Object> settings() {
        logs.append("payments-gateway/1287", "x".repeat(4000) + "\n" + LogFolder.lines("a line of build output that is wider than a phone's screen, as most are: ", 1, 80))
                .sidecar("payments-gateway/1287", "{\"status\": \"failed\", \"exitCode\": 1, \"title\": "
                        + "\"payments-gateway · integration tests on the nightly cluster\", \"note\": \"" + NOTE + "\","
                        + " \"startedAt\": \"2025-01-01T10:00:00Z\", \"finishedAt\": \"2025-01-01T10:12:31Z\"}");
        for (int i = 1; i <= 6; i++) {
            logs.append("web/" + i, "ok\n").sidecar("web/" + i, "{\"status\": \"" + (i == 6 ? "running" : "success")
                    + "\", \"startedAt\": \"2025-01-01T10:00:00Z\"}");
        }
        return Map.of("tailboard.pipelines.deploy.command", List.of("true"),
                "tailboard.pipelines.nightly-integration.command", List.of("true"));
    }

    @BeforeAll
    void phoneSized() {
        browser.driver.manage().window().setSize(new Dimension(WIDTH, 844));
    }

    /** How far the page reaches past the screen's right edge, in CSS pixels (0: not at all). */
    private long overflow() {
        return (Long) browser.js("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");
    }

    @Test
    void theDashboardFitsAndALongNoteKeepsItsRowShort() {
        browser.open(server.uri("/").toString());
        browser.until(d -> "live".equals(browser.one("#conn").getText()) && !browser.all("#pipelines .run").isEmpty());
        Screenshots.save(browser, "dashboard-phone.png");
        assertEquals(0, overflow(), "the dashboard is no wider than the screen");
        long tall = (Long) browser.js("return Math.round(document.querySelector(\"tr[data-id='payments-gateway/1287']\")"
                + ".getBoundingClientRect().height)");
        assertTrue(tall <= 120, "a row with a long note is " + tall + " px tall: its title, id and two lines of note");
        long titleWidth = (Long) browser.js("return Math.round(document.querySelector(\"tr[data-id='payments-gateway/1287'] .job-link\")"
                + ".getBoundingClientRect().width)");
        assertTrue(titleWidth > WIDTH / 3, "the job's title is shown, " + titleWidth + " px wide");
        assertTrue((Boolean) browser.js("const note = document.querySelector(\"tr[data-id='payments-gateway/1287'] .job-note\");"
                + "return note.getBoundingClientRect().height <= 2.5 * parseFloat(getComputedStyle(note).lineHeight)"),
                "the note is cut to two lines");
        assertTrue(browser.one("tr[data-id='payments-gateway/1287'] [data-field=updated]").isDisplayed(),
                "when it changed is shown");
    }

    @Test
    void theLogPageFitsAndItsLinesScrollInsideTheLog() {
        browser.open(server.uri("/jobs/payments-gateway/1287").toString());
        browser.until(d -> browser.lineText(81) != null && !browser.one("#log-toolbar").getAttribute("class").isEmpty());
        Screenshots.save(browser, "log-phone.png");
        assertEquals(0, overflow(), "the log page is no wider than the screen");
        assertTrue((Boolean) browser.js("const log = document.getElementById('log');"
                + "return log.scrollWidth > log.clientWidth && log.getBoundingClientRect().right <= window.innerWidth"),
                "a long line scrolls inside the log");
        for (String control : List.of("#search-input", "#follow", ".job-actions .button")) {
            assertTrue((Boolean) browser.js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                    + "return r.left >= 0 && r.right <= window.innerWidth", control), control + " is on the screen");
        }
    }
}
