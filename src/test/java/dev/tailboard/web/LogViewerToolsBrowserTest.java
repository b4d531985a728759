package dev.tailboard.web;

import dev.tailboard.testing.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log viewer's tools in a real browser: errors (gutter, next and previous, a failed job opening at its
 * first error), line times, wrapping, the filter, folding everything, copying a range, the shortcut list.
 */
class LogViewerToolsBrowserTest extends BrowserTest {

    static final String RUNNING = "{\"status\": \"running\"}";

    /** Every test starts with the viewer's defaults: the remembered choices are forgotten. */
    @BeforeEach
    void forgetChoices() {
        browser.open(server.uri("/static/favicon.svg").toString());
        browser.js("localStorage.clear()");
    }

    private void openJob(String id, String hash) {
        browser.open(server.uri("/jobs/" + id + hash).toString());
    }

    /** Opens a finished job of the given log. */
    private void openLog(String id, String text, String status, String hash) {
        logs.append(id, text);
        logs.finish(id, status, status.equals("success") ? 0 : 1);
        openJob(id, hash);
    }

    private void press(CharSequence keys) {
        new Actions(browser.driver).sendKeys(keys).perform();
    }

    private String pressed(String id) {
        return browser.one("#" + id).getAttribute("aria-pressed");
    }

    /** Line n, 20,000 lines, an error at every line in {@code errors}, the 17,500th inside a GitLab section. */
    private static String bigLog(int... errors) {
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= 20_000; n++) {
            boolean error = false;
            for (int e : errors) {
                error |= e == n;
            }
            if (n == 17_400) {
                text.append("section_start:1700000000:deploy[collapsed=true]\r\u001b[0KDeploy\n");
            } else if (n == 17_600) {
                text.append("section_end:1700000100:deploy\r\u001b[0K\n");
            } else {
                text.append(error ? "[ERROR] broken at " + n : "line " + n).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void aFailedJobOpensAtItsFirstErrorAndEveryErrorIsOneKeyAway() {
        openLog("big/1", bigLog(15_000, 17_500), "failed", "");

        browser.until(d -> "[ERROR] broken at 15000".equals(browser.lineText(15_000)) && browser.inView(15_000));
        browser.until(d -> "1 of 2 errors".equals(browser.one("#error-count").getText()));
        assertEquals("false", pressed("follow"));
        assertEquals(1, browser.all(".log-rows .line.annotation-error.error-current[data-line='15000']").size());
        assertTrue(browser.one(".error-gutter").isDisplayed(), "the gutter marks the errors");

        press("e");
        browser.until(d -> "[ERROR] broken at 17500".equals(browser.lineText(17_500)) && browser.inView(17_500));
        assertEquals("2 of 2 errors", browser.one("#error-count").getText());
        assertEquals("line 17490", browser.lineText(17_490), "a collapsed section with an error starts unfolded");

        press("E");
        browser.until(d -> browser.inView(15_000) && "1 of 2 errors".equals(browser.one("#error-count").getText()));

        // folded by hand, the section unfolds again when its error is jumped to, with the button this time
        browser.js("location.hash = '#L17400'");
        browser.until(d -> browser.inView(17_400));
        browser.one(".line[data-line='17400'] .fold").click();
        browser.until(d -> browser.all(".log-rows .line[data-line='17401']").isEmpty());
        browser.one("#error-next").click();
        browser.until(d -> "[ERROR] broken at 17500".equals(browser.lineText(17_500)) && browser.inView(17_500));
    }

    @Test
    void aClickOnTheGutterGoesToTheErrorThere() {
        openLog("big/2", bigLog(15_000), "success", "");
        browser.until(d -> browser.inView(20_000));
        browser.until(d -> "1 error".equals(browser.one("#error-count").getText()));

        // the section of 200 lines is folded: line 15,000 is row 14,999 of 19,800
        long y = Math.round(((Number) browser.js("""
                const gutter = document.querySelector('.error-gutter');
                return 14999.5 / 19800 * gutter.clientHeight - gutter.clientHeight / 2;""")).doubleValue());
        new Actions(browser.driver).moveToElement(browser.one(".error-gutter"), 0, (int) y).click().perform();
        browser.until(d -> "[ERROR] broken at 15000".equals(browser.lineText(15_000)) && browser.inView(15_000));
        assertEquals("false", pressed("follow"));
    }

    @Test
    void theURLsLineWinsOverTheFirstError() {
        openLog("big/3", bigLog(15_000), "failed", "#L42");
        browser.until(d -> browser.inView(42));
        browser.until(d -> "1 error".equals(browser.one("#error-count").getText()));
        assertTrue(browser.inView(42));
    }

    @Test
    void timesAreShownAndHiddenAndNeverCopied() throws InterruptedException {
        logs.sidecar("timed/1", RUNNING);
        logs.append("timed/1", "");
        openJob("timed/1", "");
        browser.until(d -> "live".equals(browser.one("#conn").getText()));
        logs.append("timed/1", "::group::Build\nstep 1\n");
        browser.until(d -> "step 1".equals(browser.lineText(2)));
        Thread.sleep(1600); // a build's pause, measured by the group's duration
        logs.append("timed/1", "step 2\n::endgroup::\n");
        browser.until(d -> "step 2".equals(browser.lineText(3)));
        assertTrue(browser.all(".line[data-line='2'] .tm").stream().noneMatch(cell -> cell.isDisplayed()), "hidden at first");

        press("t");
        browser.until(d -> browser.one(".line[data-line='3'] .tm").getAttribute("data-time").matches("\\d\\d:\\d\\d:\\d\\d"));
        assertEquals("true", pressed("times"));
        assertTrue(browser.one(".line[data-line='3'] .tm").isDisplayed());
        String duration = (String) browser.js("return document.querySelector(`.line.group[data-line='1'] .duration`)?.textContent");
        assertTrue(duration != null && duration.matches("[1-9]\\d*s"), "the group's duration from the arrival times: " + duration);

        press("T");
        browser.until(d -> browser.one(".line[data-line='3'] .tm").getAttribute("data-time").matches("\\+\\d+:\\d\\d"));
        assertEquals("elapsed", browser.one("#time-mode").getAttribute("value"));

        String copied = (String) browser.js("""
                const rows = document.querySelector('.log-rows');
                const range = document.createRange();
                range.selectNodeContents(rows);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return selection.toString();""");
        assertTrue(copied.contains("step 1") && copied.contains("step 2"), copied);
        assertFalse(copied.matches("(?s).*(\\d:\\d\\d|\\+).*"), "no time in copied text: " + copied);

        press("t");
        browser.until(d -> browser.all(".line[data-line='3'] .tm").stream().noneMatch(cell -> cell.isDisplayed()));
        assertEquals("false", pressed("times"));
    }

    @Test
    void wrapChangesALongLinesHeightAndTheChoicesSurviveAReload() {
        openLog("wide/1", "short\n" + "word ".repeat(600) + "\nlast\n", "success", "");
        browser.until(d -> "last".equals(browser.lineText(3)));
        double line = height(1);
        assertEquals(line, height(2), 0.5, "one line per row");
        assertTrue((Boolean) browser.js("const log = document.getElementById('log'); return log.scrollWidth > log.clientWidth"));

        press("w");
        browser.until(d -> height(2) > 3 * line);
        assertEquals(line, height(1), 0.5);
        assertTrue(browser.inView(3), "the last line stays in view");
        assertFalse((Boolean) browser.js("const log = document.getElementById('log'); return log.scrollWidth > log.clientWidth"),
                "no sideways scrolling");
        press("t");
        browser.until(d -> "true".equals(pressed("times")));

        browser.driver.navigate().refresh();
        browser.until(d -> "last".equals(browser.lineText(3)));
        assertEquals("true", pressed("wrap"));
        assertEquals("true", pressed("times"));
        assertTrue(height(2) > 3 * line, "still wrapped after a reload");

        press("w");
        browser.until(d -> Math.abs(height(2) - line) < 0.5);
        browser.driver.navigate().refresh();
        browser.until(d -> "last".equals(browser.lineText(3)));
        assertEquals("false", pressed("wrap"));
        assertEquals("true", pressed("times"));
    }

    private double height(long n) {
        return ((Number) browser.js("return document.querySelector(`.log-rows .line[data-line='${arguments[0]}']`)"
                + ".getBoundingClientRect().height", n)).doubleValue();
    }

    @Test
    void theFilterShowsOnlyTheMatchingLinesOfTheWholeLog() {
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= 5000; n++) {
            text.append(n == 10 || n == 2500 || n == 4990 ? "found the needle on " + n : "hay " + n).append('\n');
        }
        openLog("hay/1", text.toString(), "success", "");
        browser.until(d -> browser.inView(5000));

        browser.one("#search-input").sendKeys("needle");
        browser.until(d -> "3 lines".equals(browser.one("#search-count").getText()));
        browser.one("#filter").click();
        browser.until(d -> browser.all(".log-rows .line").size() == 3 && browser.lineText(10) != null);
        assertEquals(List.of("10", "2500", "4990"), browser.js("return [...document.querySelectorAll('.log-rows .line .ln')].map(a => a.textContent)"));
        assertEquals("found the needle on 2500", browser.lineText(2500));
        assertEquals("true", pressed("filter"));

        press("f");
        browser.until(d -> browser.all(".log-rows .line").size() > 3);
        assertEquals("false", pressed("filter"));
    }

    @Test
    void whenALiveJobEndsTheFinderMarksItsErrors() {
        logs.append("live/1", "compiling\n").sidecar("live/1", RUNNING);
        openJob("live/1", "");
        browser.until(d -> "compiling".equals(browser.lineText(1)) && "live".equals(browser.one("#conn").getText()));
        // a Go test's failure: the error finder marks it, the page's tint rule for live lines does not
        logs.append("live/1", "--- FAIL: TestRefund (0.01s)\n");
        browser.until(d -> "--- FAIL: TestRefund (0.01s)".equals(browser.lineText(2)));
        assertEquals("", browser.one("#error-count").getText());

        logs.finish("live/1", "failed", 1);
        browser.until(d -> "1 error".equals(browser.one("#error-count").getText()));
        assertEquals(1, browser.all(".log-rows .line.annotation-error[data-line='2']").size());
    }

    @Test
    void groupsFoldAllButTheOnesWithErrorsAndUnfoldAll() {
        openLog("groups/1", "::group::Setup\nok\n::endgroup::\n::group::Test\n::error::it broke\n::endgroup::\n"
                + "::group::Teardown\nbye\n::endgroup::\n", "success", "");
        browser.until(d -> "bye".equals(browser.lineText(8)));

        browser.one("#collapse-all").click();
        browser.until(d -> browser.lineText(2) == null && browser.lineText(8) == null);
        assertEquals("Error it broke", browser.lineText(5), "the group with an error stays open (its annotation shown)");

        browser.one("#expand-all").click();
        browser.until(d -> "ok".equals(browser.lineText(2)) && "bye".equals(browser.lineText(8)));
    }

    @Test
    void aRangeOfLinesIsCopiedAsPlainText() {
        openLog("copy/1", "one\n\u001b[31mtwo\u001b[0m\nthree\nfour\n", "success", "#L2-L3");
        browser.until(d -> "Copy lines 2–3".equals(browser.one("#copy-lines").getText()));
        browser.js("window.copied = null; navigator.clipboard.writeText = text => { window.copied = text; return Promise.resolve(); }");

        browser.one("#copy-lines").click();
        assertEquals("two\nthree\n", Await.value("the copied text", () -> browser.js("return window.copied")));
        browser.until(d -> browser.one("#copy-lines").getText().startsWith("Copied 2 lines"));
    }

    @Test
    void theShortcutsAreListedOnThePage() {
        openLog("keys/1", "hello\n", "success", "");
        browser.until(d -> "hello".equals(browser.lineText(1)));

        press("?");
        browser.until(d -> browser.one("#shortcuts").isDisplayed());
        String list = browser.one("#shortcuts").getText();
        for (String shortcut : List.of("next / previous error", "show or hide line times", "wrap long lines",
                "show only the matching lines")) {
            assertTrue(list.contains(shortcut), list);
        }
        press("t");
        assertEquals("false", pressed("times"), "keys typed while the list is open do nothing else");
        press(Keys.ESCAPE);
        browser.until(d -> !browser.one("#shortcuts").isDisplayed());
    }
}
