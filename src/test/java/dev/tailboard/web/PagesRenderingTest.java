package dev.tailboard.web;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import dev.tailboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages as a browser without JavaScript gets them: plain GETs, assertions on the HTML. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesRenderingTest {

    @TempDir
    static Path dir;
    private LogFolder logs;
    private TestServer server;

    @BeforeAll
    void start() {
        logs = new LogFolder(dir);
        server = TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String get(String path) {
        HttpResponse<String> response = server.get(path, "Accept", "text/html");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        return response.body();
    }

    @Test
    void aQueuedRunShowsItsOwnBadgeOnBothPages() {
        logs.sidecar("deploy/3", "{\"status\": \"queued\"}");
        logs.append("deploy/3", "");

        String job = get("/jobs/deploy/3");
        assertTrue(job.contains("<title>◌ deploy/3 · tailboard</title>"), job);
        assertTrue(job.contains("class=\"badge status-queued\""), job);
        String dashboard = get("/");
        String row = dashboard.substring(dashboard.indexOf("data-id=\"deploy/3\""));
        assertTrue(row.contains("class=\"badge status-queued\"") && row.contains(">◌</span>"), row);
    }

    @Test
    void logPageRendersTheLastLinesWithTheirCursor() {
        String head = LogFolder.lines("line ", 1, 200);
        logs.sidecar("backend/42", "{\"status\": \"failed\", \"exitCode\": 2, \"title\": \"Backend tests\","
                + " \"note\": \"flaky?\", \"startedAt\": \"2025-01-01T10:00:00Z\", \"finishedAt\": \"2025-01-01T10:01:04Z\"}");
        logs.append("backend/42", head + LogFolder.lines("line ", 201, 500));

        String html = get("/jobs/backend/42");

        assertTrue(html.contains("<title>✗ Backend tests · tailboard</title>"), html);
        assertTrue(html.replaceAll("\\s+", " ").contains("<div class=\"line\" id=\"L201\"><a class=\"ln\" href=\"#L201\">201</a>"
                + "<span class=\"lt\">line 201</span></div>"), html);
        assertTrue(html.contains("id=\"L700\""));
        assertFalse(html.contains("id=\"L200\""));
        assertTrue(html.contains("The <span>200</span> earlier lines are not shown"));
        assertTrue(html.contains("class=\"badge status-failed\""));
        assertTrue(html.contains("<dd>2</dd>"), "exit code");
        assertTrue(html.contains("<dd>1m 4s</dd>"), "duration");
        assertTrue(html.contains("2025-01-01 10:00:00 UTC"));
        assertTrue(html.contains(">flaky?</p>"));
        assertTrue(html.contains("href=\"/api/jobs/backend/42/raw\" download=\"backend-42.log\""));
        assertTrue(html.contains("href=\"/ask?job=backend/42\""), html.substring(html.indexOf("Download log")));
        String data = dataBlock(html);
        long start = head.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(data.startsWith("{\"job\":\"backend/42\",\"from\":" + start + ",\"next\":" + logs.size("backend/42")
                + ",\"line\":201,\"lines\":[\"line 201\","), data);
        assertTrue(data.endsWith("\"line 700\"],\"status\":\"failed\",\"exitCode\":2,\"more\":false}"), data);
    }

    @Test
    void logTextIsEscapedAndShownAsATerminalShowsIt() {
        logs.append("tricky", "<b>bold</b> & \"quotes\"\n\u001b[31mred\u001b[0m\n</script><script>alert(1)</script>\n"
                + "10%\r55%\r100% done\n");

        String html = get("/jobs/tricky");

        assertTrue(html.contains("class=\"lt\">&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;</span>"), html);
        assertTrue(html.contains("class=\"lt\">red</span>"));
        assertTrue(html.contains("class=\"lt\">100% done</span>"));
        assertFalse(html.contains("\u001b"), "no escape character reaches the page");
        assertEquals(2, html.split("<script", -1).length - 1, "only the data block and the page's script");
        String data = dataBlock(html);
        assertTrue(data.contains("\"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\""), data);
        assertTrue(data.contains("\"\\u001B[31mred\\u001B[0m\""), data);
    }

    @Test
    void anEmptyLogSaysSo() {
        logs.append("quiet", "");
        String html = get("/jobs/quiet");
        assertTrue(html.contains("No output yet."));
        assertTrue(dataBlock(html).startsWith("{\"job\":\"quiet\",\"from\":0,\"next\":0,\"line\":1,\"lines\":[]"), dataBlock(html));
    }

    @Test
    void dashboardListsEveryJobMostRecentFirst() throws IOException {
        logs.sidecar("dash/old", "{\"status\": \"success\", \"exitCode\": 0, \"startedAt\": \"2025-01-01T10:00:00Z\","
                + " \"finishedAt\": \"2025-01-01T10:00:09Z\"}");
        logs.append("dash/old", "a\n");
        Files.setLastModifiedTime(logs.log("dash/old"), FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        logs.sidecar("dash/new", "{\"status\": \"running\", \"title\": \"Nightly <build>\", \"note\": \"on runner 3\"}");
        logs.append("dash/new", "b".repeat(2048) + "\n");

        String html = Await.value("both jobs, most recently updated first", () -> {
            String page = get("/");
            int n = page.indexOf("data-id=\"dash/new\"");
            return n > 0 && page.indexOf("data-id=\"dash/old\"") > n && page.contains("Nightly") ? page : null;
        });

        int newer = html.indexOf("data-id=\"dash/new\"");
        int older = html.indexOf("data-id=\"dash/old\"");
        String row = html.substring(newer, html.indexOf("</tr>", newer));
        assertTrue(row.contains("class=\"badge status-running\""), row);
        assertTrue(row.contains(">●</span>") && row.contains(">running</span>"), "a symbol and a word, not only colour");
        assertTrue(row.contains("href=\"/jobs/dash/new\""));
        assertTrue(row.contains(">Nightly &lt;build&gt;</span>"));
        assertTrue(row.contains(">on runner 3</span>"));
        assertTrue(row.contains(">2.0 KB</td>"));
        String oldRow = html.substring(older, html.indexOf("</tr>", older));
        assertTrue(oldRow.contains("class=\"badge status-success\"") && oldRow.contains(">✓</span>"), oldRow);
        assertTrue(oldRow.contains(">9s</td>"), "duration");
        assertTrue(html.contains("<template id=\"job-row\">"));
        assertTrue(html.contains("<div class=\"empty\" id=\"empty\" hidden=\"hidden\">"));
    }

    @Test
    void anEmptyDashboardSaysWhereJobsComeFrom(@TempDir Path empty) {
        try (TestServer other = TestServer.start(empty)) {
            String html = other.get("/").body();
            assertTrue(html.contains("No jobs yet."));
            assertTrue(html.contains("<code>" + empty.toAbsolutePath().normalize() + "</code>"));
            assertTrue(html.contains("<table class=\"jobs\" id=\"jobs\" hidden=\"hidden\">"));
        }
    }

    @Test
    void unknownAndInvalidJobsGetAnHtmlErrorPage() {
        HttpResponse<String> missing = server.get("/jobs/no/such/job", "Accept", "text/html");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("<title>404 Not Found · tailboard</title>"), missing.body());
        assertTrue(missing.body().contains("no job &#39;no/such/job&#39;"));
        assertTrue(missing.body().contains("<link rel=\"stylesheet\" href=\"/static/app.css\">"), "uses the layout");

        HttpResponse<String> invalid = server.get("/jobs/bad..id%21", "Accept", "text/html");
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("<h1>Bad Request</h1>"), invalid.body());
        assertEquals(400, server.get("/jobs/x/raw").statusCode(), "a reserved word cannot end a job id");
    }

    @Test
    void staticFilesAreServed() {
        HttpResponse<String> css = server.get("/static/app.css");
        assertTrue(css.body().contains("prefers-color-scheme: dark"));
        HttpResponse<String> js = server.get("/static/log.js");
        assertTrue(js.headers().firstValue("Content-Type").orElseThrow().contains("javascript"),
                "module scripts need a JavaScript type");
    }

    private static String dataBlock(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"log-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }
}
