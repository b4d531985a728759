package dev.tailboard.stream;

import dev.tailboard.testing.Await;
import dev.tailboard.testing.LogFolder;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short polling of {@code GET /api/jobs/{id}/log} over real HTTP. */
class PollTest extends TransportTest {

    @Serdeable
    record Poll(String job, long from, long next, long line, List<String> lines, String status, boolean reset,
                boolean more) {
    }

    Poll poll(String id, String query, String... headers) {
        HttpResponse<String> response = server.get("/api/jobs/" + id + "/log" + query, headers);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return read(response.body(), Poll.class);
    }

    @Test
    void linesWrittenBeforeAndBetweenPollsArriveOnceInOrderNumbered() {
        String id = newJob();
        logs.append(id, "one\ntwo\n");
        Poll first = poll(id, "");
        assertEquals(new Poll(id, 0, 8, 1, List.of("one", "two"), "unknown", false, false), first);

        Poll empty = poll(id, "?from=" + first.next());
        assertEquals(new Poll(id, 8, 8, 3, List.of(), "unknown", false, false), empty);

        logs.append(id, "three\r\nfour");
        Await.until("line three", () -> !poll(id, "?from=8").lines().isEmpty());
        Poll second = poll(id, "?from=" + first.next());
        assertEquals(new Poll(id, 8, 15, 3, List.of("three"), "unknown", false, false), second);
    }

    @Test
    void theFinalStatusDeliversTheUnterminatedLastLine() {
        String id = newJob();
        logs.append(id, "build\npartial");
        running(id);
        Await.until("running", () -> poll(id, "").status().equals("running"));
        assertEquals(List.of("build"), poll(id, "").lines());

        logs.finish(id, "failed", 2);
        Await.until("failed", () -> poll(id, "").status().equals("failed"));
        Poll last = poll(id, "?from=6");
        assertEquals(new Poll(id, 6, 13, 2, List.of("partial"), "failed", false, false), last);
        assertEquals(new Poll(id, 13, 13, 3, List.of(), "failed", false, false), poll(id, "?from=13"));
    }

    @Test
    void resumingFromNextGivesExactlyTheRest() {
        String id = newJob();
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            text.append("line ").append(i).append('\n');
        }
        logs.append(id, text.toString());
        finish(id);
        Await.until("finished", () -> poll(id, "").status().equals("success"));

        List<String> seen = new java.util.ArrayList<>();
        long from = 0;
        long expectedLine = 1;
        Poll page;
        do {
            page = poll(id, "?limit=10&from=" + from);
            assertEquals(expectedLine, page.line());
            assertEquals(from, page.from());
            seen.addAll(page.lines());
            expectedLine += page.lines().size();
            from = page.next();
        } while (page.more());
        assertEquals(25, seen.size());
        assertEquals("line 1", seen.get(0));
        assertEquals("line 25", seen.get(24));
        assertEquals(text.length(), from);
    }

    @Test
    void tailStartsAtTheLastLines() {
        String id = newJob();
        logs.append(id, "a\nb\nc\nd\n");
        Poll tail = poll(id, "?tail=2");
        assertEquals(new Poll(id, 4, 8, 3, List.of("c", "d"), "unknown", false, false), tail);
        assertEquals(List.of("a", "b", "c", "d"), poll(id, "?tail=99").lines());
        assertEquals(List.of(), poll(id, "?tail=0").lines());
    }

    @Test
    void aCursorInsideALineMeansTheNextLineStart() {
        String id = newJob();
        logs.append(id, "alpha\nbeta\ngamma\n");
        assertEquals(new Poll(id, 11, 17, 3, List.of("gamma"), "unknown", false, false), poll(id, "?from=7"));
    }

    @Test
    void aCursorInsideTheUnfinishedLastLineSkipsThatLine() {
        String id = newJob();
        logs.append(id, "one\ntwo");
        Poll waiting = poll(id, "?from=6");
        assertEquals(new Poll(id, 6, 6, 3, List.of(), "unknown", false, false), waiting);

        logs.append(id, "-more\nthree\n");
        Await.until("line three", () -> !poll(id, "?from=" + waiting.next()).lines().isEmpty());
        assertEquals(new Poll(id, 13, 19, 3, List.of("three"), "unknown", false, false),
                poll(id, "?from=" + waiting.next()));
    }

    @Test
    void aCursorPastTheEndResetsToTheStart() {
        String id = newJob();
        logs.append(id, "x\ny\n");
        assertEquals(new Poll(id, 0, 4, 1, List.of("x", "y"), "unknown", true, false), poll(id, "?from=1000"));
    }

    @Test
    void lastEventIdWinsOverFromAndTail() {
        String id = newJob();
        logs.append(id, "a\nb\nc\n");
        Poll poll = poll(id, "?from=0&tail=3", "Last-Event-ID", "4");
        assertEquals(List.of("c"), poll.lines());
        assertEquals(3, poll.line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"?limit=0", "?limit=10001", "?limit=x", "?wait=61", "?wait=-1", "?wait=1s"})
    void badParametersAre400WithAJsonError(String query) {
        String id = newJob();
        HttpResponse<String> response = server.get("/api/jobs/" + id + "/log" + query);
        assertEquals(400, response.statusCode(), response.body());
        assertNotNull(error(response));
    }

    @Test
    void limitBoundsThePageAndSaysMore() {
        String id = newJob();
        logs.append(id, "1\n2\n3\n");
        Poll page = poll(id, "?limit=2");
        assertEquals(List.of("1", "2"), page.lines());
        assertTrue(page.more());
        Poll rest = poll(id, "?limit=2&from=" + page.next());
        assertEquals(List.of("3"), rest.lines());
        assertFalse(rest.more());
    }

    /** A page fills to {@code limit}, however many file blocks or window chunks its lines span. */
    @Test
    void aPageOfShortLinesFillsToTheLimit() {
        String id = newJob();
        String prefix = "[INFO] Compiling module number ";
        logs.append(id, LogFolder.lines(prefix, 1, 10_050));
        finish(id);
        Await.until("finished", () -> poll(id, "").status().equals("success"));

        Poll page = poll(id, "?limit=10000");
        assertEquals(10_000, page.lines().size());
        assertEquals(prefix + 10_000, page.lines().get(9_999));
        assertTrue(page.more());
        Poll rest = poll(id, "?limit=10000&from=" + page.next());
        assertEquals(LogFolder.lines(prefix, 10_001, 50), String.join("\n", rest.lines()) + "\n");
        assertFalse(rest.more());
    }

    /** A page of very long lines stops at the page's byte cap (4 MiB) and says {@code more}; nothing is lost. */
    @Test
    void aPageOfLongLinesStopsAtItsByteCapAndSaysMore() {
        String id = newJob();
        String padding = "x".repeat(4_000);
        logs.append(id, LogFolder.lines(padding, 1, 2_000));
        finish(id);
        Await.until("finished", () -> poll(id, "").status().equals("success"));

        Poll first = poll(id, "?limit=10000");
        assertTrue(first.more());
        assertTrue(first.lines().size() > 1_000 && first.lines().size() < 1_100, "lines: " + first.lines().size());
        Poll rest = poll(id, "?limit=10000&from=" + first.next());
        assertEquals(padding + (first.lines().size() + 1), rest.lines().get(0));
        assertEquals(2_000, first.lines().size() + rest.lines().size());
        assertFalse(rest.more());
    }
}
