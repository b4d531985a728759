package dev.tailboard.stream;

import dev.tailboard.testing.Await;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** HTTP streaming of {@code GET /api/jobs/{id}/stream}: raw bytes, chunked, complete when the job is final. */
class StreamTest extends TransportTest {

    private ReceivedBytes stream(String id, String query) {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = join(server.http().sendAsync(
                HttpRequest.newBuilder(server.uri("/api/jobs/" + id + "/stream" + query)).build(),
                HttpResponse.BodyHandlers.ofPublisher()));
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("chunked", response.headers().firstValue("Transfer-Encoding").orElseThrow());
        ReceivedBytes body = new ReceivedBytes();
        response.body().subscribe(body);
        return body;
    }

    @Test
    void bytesWrittenBeforeAndDuringTheResponseArriveOnceInOrder() throws Exception {
        String id = newJob();
        logs.append(id, "one\ntwo\n");
        ReceivedBytes body = stream(id, "");
        Await.until("the first lines", () -> body.text().equals("one\ntwo\n"));

        logs.append(id, "three\r\nprogress 50%\rprogress 100%\n");
        Await.until("the next lines", () -> body.text().equals("one\ntwo\nthree\r\nprogress 50%\rprogress 100%\n"));

        logs.append(id, "no newline yet");
        finish(id);
        Await.until("the end of the response", body::complete);
        assertArrayEquals(Files.readAllBytes(logs.log(id)), body.bytes());
    }

    @Test
    void headersLeaveBeforeAnyLineExists() {
        String id = newJob();
        running(id);
        ReceivedBytes body = stream(id, "");
        assertFalse(body.complete());
        body.cancel();
    }

    /** The whole response for a finished job whose log is {@code log}. */
    private String finishedStream(String log, String query) {
        String id = newJob();
        logs.append(id, log);
        finish(id);
        ReceivedBytes body = stream(id, query);
        Await.until("the end of the response", body::complete);
        return body.text();
    }

    @Test
    void resumingFromACursorGivesExactlyTheRest() {
        assertEquals("wörld\n", finishedStream("héllo\nwörld\n", "?from=" + "héllo\n".getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void aCursorInsideALineStartsAtTheNextLine() {
        assertEquals("beta\n", finishedStream("alpha\nbeta\n", "?from=2"));
    }

    @Test
    void tailStartsAtTheLastLines() {
        assertEquals("c\n", finishedStream("a\nb\nc\n", "?tail=1"));
    }

    @Test
    void aCursorPastTheEndStartsAgainAtZero() {
        assertEquals("again\n", finishedStream("again\n", "?from=999"));
    }

    @Test
    void aTruncatedLogGoesOnFromZero() throws IOException {
        String id = newJob();
        logs.append(id, "first run, a long line\n");
        ReceivedBytes body = stream(id, "");
        Await.until("the first run", () -> body.text().equals("first run, a long line\n"));

        Files.write(logs.log(id), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        logs.append(id, "rerun\n");
        finish(id);
        Await.until("the end of the response", body::complete);
        assertEquals("first run, a long line\nrerun\n", body.text());
    }
}
