package dev.tailboard.web;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages as a browser without JavaScript gets them: plain GETs, assertions on the HTML. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesRenderingTest implements TestPropertyProvider {

    private final Logs logs = Logs.inTempFolder();

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("tailboard.logs-dir", logs.root().toString(), "tailboard.demo.enabled", "false",
                "micronaut.server.port", "-1");
    }

    private String get(String path) {
        return client.toBlocking().retrieve(HttpRequest.GET(path).accept("text/html"));
    }

    private HttpClientResponseException failing(String path) {
        return assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve(HttpRequest.GET(path).accept("text/html")));
    }

    @Test
    void logPageRendersTheLastLinesWithTheirCursor() {
        String head = Logs.numbered(1, 200);
        logs.status("backend/42", "{\"status\": \"failed\", \"exitCode\": 2, \"title\": \"Backend tests\","
                + " \"note\": \"flaky?\", \"startedAt\": \"2025-01-01T10:00:00Z\", \"finishedAt\": \"2025-01-01T10:01:04Z\"}");
        logs.write("backend/42", head + Logs.numbered(201, 700));

        String html = get("/jobs/backend/42");

        assertTrue(html.contains("<title>Backend tests · tailboard</title>"), html);
        assertTrue(html.contains("<div class=\"line\" id=\"L201\"><a class=\"ln\" href=\"#L201\">201</a>"
                + "<span\n        class=\"lt\">line 201</span></div>"), html);
        assertTrue(html.contains("id=\"L700\""));
        assertFalse(html.contains("id=\"L200\""));
        assertTrue(html.contains("The <span>200</span> earlier lines are not shown"));
        assertTrue(html.contains("class=\"badge status-failed\""));
        assertTrue(html.contains("<dd>2</dd>"), "exit code");
        assertTrue(html.contains("<dd>1m 4s</dd>"), "duration");
        assertTrue(html.contains("2025-01-01 10:00:00 UTC"));
        assertTrue(html.contains(">flaky?</p>"));
        assertTrue(html.contains("href=\"/api/jobs/backend/42/raw\" download=\"42.log\""));
        assertTrue(html.contains("href=\"/ask?job=backend/42\""), html.substring(html.indexOf("Download log")));
        String data = dataBlock(html);
        long start = head.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(data.startsWith("{\"job\":\"backend/42\",\"from\":" + start + ",\"next\":" + logSize("backend/42")
                + ",\"line\":201,\"lines\":[\"line 201\","), data);
        assertTrue(data.endsWith("\"line 700\"],\"status\":\"failed\",\"exitCode\":2,\"more\":false}"), data);
    }

    @Test
    void logTextIsEscapedAndShownAsATerminalShowsIt() {
        logs.write("tricky", "<b>bold</b> & \"quotes\"\n\u001b[31mred\u001b[0m\n</script><script>alert(1)</script>\n"
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
        logs.write("quiet", "");
        String html = get("/jobs/quiet");
        assertTrue(html.contains("No output yet."));
        assertTrue(dataBlock(html).startsWith("{\"job\":\"quiet\",\"from\":0,\"next\":0,\"line\":1,\"lines\":[]"), dataBlock(html));
    }

    @Test
    void dashboardListsEveryJobMostRecentFirst() throws Exception {
        logs.write("dash/old", "a\n");
        logs.status("dash/old", "{\"status\": \"success\", \"exitCode\": 0, \"startedAt\": \"2025-01-01T10:00:00Z\","
                + " \"finishedAt\": \"2025-01-01T10:00:09Z\"}");
        java.nio.file.Files.setLastModifiedTime(logs.log("dash/old"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        logs.write("dash/new", "b".repeat(2048) + "\n");
        logs.status("dash/new", "{\"status\": \"running\", \"title\": \"Nightly <build>\", \"note\": \"on runner 3\"}");

        String html = Eventually.until(() -> {
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
    void anEmptyDashboardSaysWhereJobsComeFrom() {
        Logs empty = Logs.inTempFolder();
        try (EmbeddedServer other = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "tailboard.logs-dir", empty.root().toString(), "tailboard.demo.enabled", "false",
                "micronaut.server.port", "-1"));
             HttpClient otherClient = HttpClient.create(other.getURL())) {
            String html = otherClient.toBlocking().retrieve("/");
            assertTrue(html.contains("No jobs yet."));
            assertTrue(html.contains("<code>" + empty.root().toAbsolutePath().normalize() + "</code>"));
            assertTrue(html.contains("<table class=\"jobs\" id=\"jobs\" hidden=\"hidden\">"));
        }
    }

    @Test
    void unknownAndInvalidJobsGetAnHtmlErrorPage() {
        HttpClientResponseException missing = failing("/jobs/no/such/job");
        assertEquals(HttpStatus.NOT_FOUND, missing.getStatus());
        String body = missing.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("<title>404 Not Found · tailboard</title>"), body);
        assertTrue(body.contains("no job &#39;no/such/job&#39;"));
        assertTrue(body.contains("<link rel=\"stylesheet\" href=\"/static/app.css\">"), "uses the layout");

        HttpClientResponseException invalid = failing("/jobs/bad..id%21");
        assertEquals(HttpStatus.BAD_REQUEST, invalid.getStatus());
        assertTrue(invalid.getResponse().getBody(String.class).orElseThrow().contains("<h1>Bad Request</h1>"));

        HttpClientResponseException reserved = failing("/jobs/x/raw");
        assertEquals(HttpStatus.BAD_REQUEST, reserved.getStatus());
    }

    @Test
    void staticFilesAreServed() {
        HttpResponse<String> css = client.toBlocking().exchange(HttpRequest.GET("/static/app.css"), String.class);
        assertTrue(css.getBody().orElseThrow().contains("prefers-color-scheme: dark"));
        HttpResponse<String> js = client.toBlocking().exchange(HttpRequest.GET("/static/log.js"), String.class);
        assertTrue(js.getContentType().orElseThrow().toString().contains("javascript"), "module scripts need a JS type");
    }

    private long logSize(String id) throws RuntimeException {
        try {
            return java.nio.file.Files.size(logs.log(id));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String dataBlock(String html) {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"log-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertTrue(m.find(), html);
        return m.group(1);
    }
}
