package dev.tailboard.web;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job page of a pipeline's run in a real browser: Cancel while it runs (the state changes live), Re-run to
 * start the pipeline again; its annotations in the header. A job that is no run has neither button.
 */
class JobActionsBrowserTest extends BrowserTest {

    /** What a workflow prints: annotations, then a long step. */
    static final String SCRIPT = "echo '::group::Build'; echo 'compiling 54 files'; "
            + "echo '::warning file=src/main/java/demo/Prices.java,line=12::[deprecation] BigDecimal.ROUND_HALF_UP'; "
            + "echo '::endgroup::'; echo 'Tests run: 9, Failures: 1'; "
            + "echo '::error file=src/test/java/demo/PricesTest.java,line=64,title=tenPercent::expected: <900> but was: <901>'; "
            + "echo 'waiting for the deploy lock…'; sleep 300";

    @Override
    protected Map<String, Object> settings() {
        return Map.of("tailboard.pipelines.deploy.command", List.of("sh", "-c", SCRIPT));
    }

    private String badge() {
        return browser.one("#job-badge").getText();
    }

    @Test
    void cancelEndsTheRunLiveAndReRunStartsTheNextOne() {
        HttpResponse<String> started = server.send(HttpRequest.newBuilder(server.uri("/api/pipelines/deploy/runs"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, started.statusCode(), started.body());
        String first = started.headers().firstValue("Location").orElseThrow();
        browser.open(server.uri(first).toString());
        browser.until(d -> browser.one("#job-cancel").isDisplayed() && browser.one("#job-rerun").isDisplayed());
        browser.until(d -> browser.all("#annotation-list li").size() == 2);
        assertEquals("●running", badge().replace("\n", ""));
        Screenshots.save(browser, "job-actions.png");

        browser.one("#job-cancel").click();
        browser.until(d -> badge().contains("cancelled"));
        browser.until(d -> !browser.one("#job-cancel").isDisplayed());
        assertTrue(browser.one("#job-rerun").isDisplayed());

        browser.one("#job-rerun").click();
        browser.until(d -> !d.getCurrentUrl().endsWith(first) && d.getCurrentUrl().contains("/jobs/deploy/"));
        browser.until(d -> badge().contains("running") && browser.one("#job-cancel").isDisplayed());
        browser.one("#job-cancel").click();
        browser.until(d -> badge().contains("cancelled"));
    }

    @Test
    void aJobThatIsNoRunHasNoButtons() {
        logs.append("outside/1", "built elsewhere\n").sidecar("outside/1", LogViewerBrowserTest.RUNNING);
        browser.open(server.uri("/jobs/outside/1").toString());
        browser.until(d -> "built elsewhere".equals(browser.lineText(1)));
        assertEquals(0, browser.all("#job-cancel").size() + browser.all("#job-rerun").size());
    }
}
