package dev.tailboard.web;

import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

/**
 * Takes the screenshots of the documentation: the log viewer of a failed build with line times and the error
 * gutter, and the dashboard filtered to the failed backend jobs. Not a test (its name keeps it out of
 * {@code mvn verify}); {@code docs/screenshots/take.sh} runs it, writing into {@code docs/screenshots/}
 * (or the folder named by {@code -Dscreenshots.dir}).
 */
@EnabledIf("dev.tailboard.web.Browser#available")
class DocsScreenshots {

    @TempDir
    Path dir;

    private static Path target(String name) throws IOException {
        Path folder = Path.of(System.getProperty("screenshots.dir", "docs/screenshots"));
        Files.createDirectories(folder);
        return folder.resolve(name);
    }

    @Test
    void theViewerWithTimesAndErrors() throws Exception {
        LogFolder logs = new LogFolder(dir);
        String id = "checkout-service/128";
        logs.sidecar(id, "{\"status\": \"running\", \"title\": \"checkout-service · mvn verify\", \"startedAt\": \""
                + Instant.now() + "\"}");
        logs.append(id, "");
        try (TestServer server = TestServer.start(dir); Browser browser = new Browser()) {
            server.get("/api/jobs/" + id);
            // written as a build writes: a line at a time, with the pauses that make its times worth reading
            List<String> lines;
            try (var in = DocsScreenshots.class.getResourceAsStream("/fixtures/maven-test-failure.log")) {
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            for (int i = 0; i < lines.size(); i++) {
                logs.append(id, lines.get(i) + "\n");
                Thread.sleep(i % 20 == 0 ? 700 : 60); // a build's pace, so that the line times differ: not a wait for the server
            }
            logs.sidecar(id, "{\"status\": \"failed\", \"exitCode\": 1, \"title\": \"checkout-service · mvn verify\"}");
            browser.open(server.uri("/jobs/" + id).toString());
            browser.until(d -> browser.all(".log-rows .line.error-current").size() == 1);
            new Actions(browser.driver).sendKeys("t").perform();
            browser.until(d -> !browser.all(".log-rows .tm[data-time]").isEmpty());
            browser.asyncJs("const done = arguments[arguments.length - 1]; setTimeout(() => requestAnimationFrame(done), 300)");
            browser.screenshot(target("viewer-times.png"));
        }
    }

    @Test
    void theDashboardFiltered() throws Exception {
        LogFolder logs = new LogFolder(dir);
        String[] services = {"backend", "frontend", "payments", "search", "docs"};
        Instant newest = Instant.now();
        for (int i = 0; i < 60; i++) {
            String service = services[i % services.length];
            String id = service + "/" + (400 - i);
            String status = i % 7 == 1 || i % 11 == 0 ? "failed" : i < 3 ? "running" : "success";
            Instant started = newest.minusSeconds(600L * i + 300);
            String finished = status.equals("running") ? "" : ", \"finishedAt\": \"" + started.plusSeconds(95 + i * 7L) + "\""
                    + ", \"exitCode\": " + (status.equals("failed") ? 1 : 0);
            logs.append(id, "x".repeat(2000 + i * 977) + "\n")
                    .sidecar(id, "{\"status\": \"" + status + "\", \"title\": \"" + service + " · #" + (400 - i)
                            + "\", \"startedAt\": \"" + started + "\"" + finished + "}");
            Files.setLastModifiedTime(logs.log(id), FileTime.from(started.plusSeconds(95 + i * 7L)));
        }
        try (TestServer server = TestServer.start(dir); Browser browser = new Browser()) {
            browser.open(server.uri("/?status=failed&q=backend").toString());
            browser.until(d -> "live".equals(browser.one("#conn").getText()) && browser.one("#job-count").getText().contains("matching"));
            browser.asyncJs("const done = arguments[arguments.length - 1]; setTimeout(() => requestAnimationFrame(done), 300)");
            browser.screenshot(target("dashboard-filtered.png"));
        }
    }
}
