package dev.tailboard.web;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A log of a million lines: it opens at once, keeps few DOM nodes, and every line can still be reached. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf("dev.tailboard.web.Browser#available")
class HugeLogBrowserTest {

    static final int LINES = 1_000_000;
    static final int NEEDLE = 123_457;
    /** Far more than a screen of rows, far fewer than the log's lines. */
    static final int MAX_ROWS_IN_DOM = 200;

    @TempDir
    static Path dir;
    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start() throws IOException {
        LogFolder logs = new LogFolder(dir);
        logs.finish("huge", "success", 0);
        try (BufferedWriter out = Files.newBufferedWriter(logs.log("huge"), StandardCharsets.UTF_8)) {
            for (int n = 1; n <= LINES; n++) {
                out.write(text(n));
                out.write('\n');
            }
        }
        server = TestServer.start(dir);
        browser = new Browser();
    }

    @AfterAll
    void stop() {
        browser.close();
        server.close();
    }

    private static String text(int n) {
        return n == NEEDLE ? "line " + n + ": here is the needle" : "line " + n + ": the quick brown fox jumps over the lazy dog";
    }

    private void open(String hash) {
        browser.open(server.uri("/jobs/huge" + hash).toString());
    }

    private long rowsInDom() {
        return (Long) browser.js("return document.querySelectorAll('#log .line').length");
    }

    /** First, so that it measures a cold open: the server reads and numbers the million lines once. */
    @Test
    @Order(1)
    void opensWithTheLastLineInViewAndFewRows() {
        long started = System.nanoTime();
        open("");
        browser.until(d -> text(LINES).equals(browser.lineText(LINES)) && browser.inView(LINES));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("A log of %,d lines opened with its last line in view in %,d ms%n", LINES, millis);

        assertEquals("1,000,000 lines", browser.one("#line-count").getText());
        assertTrue(rowsInDom() < MAX_ROWS_IN_DOM, rowsInDom() + " rows in the DOM");
    }

    @Test
    void scrollingAnywhereLoadsThoseLines() {
        open("");
        browser.until(d -> browser.inView(LINES));
        browser.js("const log = document.getElementById('log'); log.scrollTop = log.scrollHeight / 2");

        String row = browser.until(d -> (String) browser.js("""
                const rows = [...document.querySelectorAll('.log-rows .line')];
                const loaded = rows.filter(row => !row.classList.contains('pending'));
                return rows.length && loaded.length === rows.length ? rows[3].dataset.line : null;
                """));
        long line = Long.parseLong(row);
        assertTrue(line > 400_000 && line < 600_000, "the middle of the log, but was " + line);
        assertEquals(text((int) line), browser.lineText(line));
        assertTrue(rowsInDom() < MAX_ROWS_IN_DOM, rowsInDom() + " rows in the DOM");
    }

    @Test
    void lineLinkReachesALineNotLoadedYet() {
        open("#L500000");
        browser.until(d -> Long.valueOf(500_000).equals(browser.highlightedLine()) && browser.inView(500_000));
        assertEquals(text(500_000), browser.lineText(500_000));
    }

    @Test
    void searchFindsAMatchFarFromTheScreen() {
        open("");
        browser.until(d -> browser.inView(LINES));
        browser.one("#search-input").sendKeys("NEEDLE\n");

        browser.until(d -> browser.inView(NEEDLE));
        assertEquals("1 of 1 line", browser.one("#search-count").getText());
        browser.until(d -> "needle".equals(browser.js(
                "return document.querySelector(`.line.match-current[data-line='" + NEEDLE + "'] mark`)?.textContent")));
    }
}
