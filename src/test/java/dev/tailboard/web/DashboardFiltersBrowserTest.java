package dev.tailboard.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard with 3,000 jobs: it renders a screenful of rows, filters by status and text in the address, and stays live. */
class DashboardFiltersBrowserTest extends BrowserTest {

    static final int JOBS = 3000;
    static final Instant NEWEST = Instant.parse("2026-11-21T10:00:00Z");

    /** The ids of the failed jobs, most recently updated first, and of the failed backend ones. */
    private final List<String> failed = new ArrayList<>();
    private final List<String> failedBackend = new ArrayList<>();

    @Override
    protected Map<String, Object> settings() throws IOException {
        for (int i = 0; i < JOBS; i++) {
            String id = "svc-" + (i % 40) + "/" + i;
            String status = i % 10 == 3 ? "failed" : i % 10 == 5 ? "running" : "success";
            String title = (i % 3 == 0 ? "Backend tests #" : "Frontend build #") + i;
            logs.append(id, "line\n").sidecar(id, "{\"status\": \"" + status + "\", \"title\": \"" + title + "\"}");
            Files.setLastModifiedTime(logs.log(id), FileTime.from(NEWEST.minusSeconds(i)));
            if (status.equals("failed")) {
                failed.add(id);
                if (i % 3 == 0) {
                    failedBackend.add(id);
                }
            }
        }
        return super.settings();
    }

    /** Every job row the dashboard shows, read by scrolling the window from the top to the bottom. */
    @SuppressWarnings("unchecked")
    private List<String> allRows() {
        return (List<String>) browser.asyncJs("""
                const done = arguments[arguments.length - 1];
                const seen = [];
                const frames = then => requestAnimationFrame(() => requestAnimationFrame(then));
                const step = () => {
                  for (const row of document.querySelectorAll('#jobs tbody tr.job')) {
                    if (!seen.includes(row.dataset.id)) {
                      seen.push(row.dataset.id);
                    }
                  }
                  if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1) {
                    done(seen);
                  } else {
                    window.scrollBy(0, window.innerHeight / 2);
                    frames(step);
                  }
                };
                window.scrollTo(0, 0);
                frames(step);
                """);
    }

    private long domRows() {
        return (Long) browser.js("return document.querySelectorAll('#jobs tbody tr.job').length");
    }

    @Test
    void thousandsOfJobsShowQuicklyAndFilterToExactlyTheFailedOnes() {
        long started = System.nanoTime();
        browser.open(server.uri("/").toString());
        browser.until(d -> "live".equals(browser.one("#conn").getText()) && "3,000 jobs".equals(browser.one("#job-count").getText()));
        System.out.printf("the dashboard with %,d jobs was live and listed them all after %d ms%n", JOBS,
                (System.nanoTime() - started) / 1_000_000);
        assertTrue(domRows() < 100, "only the rows in view are in the page: " + domRows());
        assertEquals("svc-0/0", browser.js("return document.querySelector('#jobs tbody tr.job').dataset.id"));

        browser.one("#status-filter").click();
        browser.one("#status-filter option[value='failed']").click();
        browser.until(d -> d.getCurrentUrl().endsWith("/?status=failed"));
        browser.until(d -> "300 matching jobs".equals(browser.one("#job-count").getText()));
        assertEquals(failed, allRows(), "exactly the failed jobs, most recently updated first");

        browser.one("#text-filter").sendKeys("backend");
        browser.until(d -> d.getCurrentUrl().endsWith("/?status=failed&q=backend"));
        browser.until(d -> (failedBackend.size() + " matching jobs").equals(browser.one("#job-count").getText()));
        assertEquals(failedBackend, allRows());

        browser.driver.navigate().refresh();
        browser.until(d -> "live".equals(browser.one("#conn").getText()));
        assertEquals("failed", browser.one("#status-filter").getAttribute("value"));
        assertEquals("backend", browser.one("#text-filter").getAttribute("value"));
        browser.until(d -> (failedBackend.size() + " matching jobs").equals(browser.one("#job-count").getText()));
        assertEquals(failedBackend, allRows());
    }

    @Test
    void aFilteredListStaysLive() {
        browser.open(server.uri("/?status=failed&q=Backend%20tests%20%232").toString());
        browser.until(d -> "live".equals(browser.one("#conn").getText()));
        // failed, with a title starting "Backend tests #2": 213, 243, 273, 2013 … 
        List<String> before = allRows();
        assertTrue(before.stream().allMatch(failedBackend::contains), before.toString());

        logs.sidecar("svc-0/2400", "{\"status\": \"failed\", \"title\": \"Backend tests #2400\"}");
        browser.until(d -> browser.all("#jobs tr.job[data-id='svc-0/2400']").size() == 1);
        assertEquals(before.size() + 1, allRows().size());

        logs.sidecar("svc-0/2400", "{\"status\": \"success\", \"title\": \"Backend tests #2400\"}");
        browser.until(d -> browser.all("#jobs tr.job[data-id='svc-0/2400']").isEmpty());
        assertEquals(before, allRows());
    }

    @Test
    void noMatchSaysSoAndAllowsGoingBack() {
        browser.open(server.uri("/?q=no-such-job").toString());
        browser.until(d -> browser.one("#no-match").isDisplayed());
        assertEquals("0 matching jobs", browser.one("#job-count").getText());
        browser.one("#no-match a").click();
        browser.until(d -> "3,000 jobs".equals(browser.one("#job-count").getText()));
    }
}
