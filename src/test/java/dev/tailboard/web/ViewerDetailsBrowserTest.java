package dev.tailboard.web;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Details of the log viewer in a real browser: workflow annotations shown as annotations and listed in the
 * header (from the whole log, and live), the search in the address, a match tinted apart from a warning, and
 * the download named after the job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("dev.tailboard.web.Browser#available")
class ViewerDetailsBrowserTest {

    @TempDir
    static Path dir;
    private LogFolder logs;
    private TestServer server;
    private Browser browser;

    @BeforeAll
    void start() {
        logs = new LogFolder(dir);
        server = TestServer.start(dir, Map.of("tailboard.retry", "200ms"));
        browser = new Browser();
    }

    @AfterAll
    void stop() {
        browser.close();
        server.close();
    }

    @SuppressWarnings("unchecked")
    private List<String> listed() {
        return (List<String>) browser.js("return [...document.querySelectorAll('#annotation-list a')]"
                + ".map(a => a.getAttribute('href') + ' ' + a.textContent)");
    }

    @Test
    void annotationsAreShownAsAnnotationsAndListedInTheHeader() {
        // the first annotation lies far above the lines the server renders: the list finds it in the whole log
        logs.append("ci/7", "::error file=src/App.java,line=64,col=3::Boom%2C twice\n" + LogFolder.lines("line ", 2, 2000)
                + "::warning::Careful\n").sidecar("ci/7", LogViewerBrowserTest.RUNNING);
        browser.open(server.uri("/jobs/ci/7").toString());
        browser.until(d -> listed().size() == 2);
        assertEquals(List.of("#L1 Error src/App.java:64:3 Boom, twice", "#L2002 Warning Careful"), listed());
        assertEquals("(2)", browser.one("#annotations-count").getText());
        assertTrue(browser.one(".log-rows .line[data-line='2002']").getAttribute("class").contains("annotation-warning"));
        assertEquals("Warning Careful", browser.lineText(2002));

        browser.one("#annotation-list a").click();
        browser.until(d -> "Error src/App.java:64:3 Boom, twice".equals(browser.lineText(1)));
        assertEquals("src/App.java:64:3", browser.one(".log-rows .line[data-line='1'] .annotation-place").getText());

        logs.append("ci/7", "::notice title=Deploy::skipped on forks\n");
        browser.until(d -> listed().size() == 3);
        assertEquals("#L2003 Notice Deploy: skipped on forks", listed().get(2));
    }

    @Test
    void theSearchFollowsTheAddressAndIsTintedApartFromWarnings() {
        logs.append("ci/8", "::warning::disk almost full\nplain line\nanother plain line\n").finish("ci/8", "success", 0);
        browser.open(server.uri("/jobs/ci/8?q=plain").toString());
        browser.until(d -> browser.all(".log-rows .line.match, .log-rows .line.match-current").size() == 2);
        String match = browser.one(".log-rows .line[data-line='3']").getCssValue("background-color");
        String warning = browser.one(".log-rows .line[data-line='1']").getCssValue("background-color");
        assertNotEquals(warning, match, "a match is not tinted like a warning");

        browser.one("#search-input").clear();
        browser.one("#search-input").sendKeys("another");
        browser.until(d -> d.getCurrentUrl().endsWith("/jobs/ci/8?q=another"));
        browser.one("#search-input").sendKeys(org.openqa.selenium.Keys.ESCAPE);
        browser.until(d -> d.getCurrentUrl().endsWith("/jobs/ci/8"));
    }

    @Test
    void theDownloadIsNamedAfterTheJob() {
        logs.append("demo-build/1", "done\n").finish("demo-build/1", "success", 0);
        browser.open(server.uri("/jobs/demo-build/1").toString());
        browser.until(d -> "done".equals(browser.lineText(1)));
        assertEquals("demo-build-1.log", browser.one("a[download]").getAttribute("download"));
    }
}
